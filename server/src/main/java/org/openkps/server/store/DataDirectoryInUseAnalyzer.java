package org.openkps.server.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in one line, without a stack trace, why a server on a data directory already in use does not start. */
class DataDirectoryInUseAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(
                "The data directory " + cause.dataDir() + " is in use by another openkps server; stop that "
                        + "server, or start this one with its own --kps.data-dir (servers share data only "
                        + "through PostgreSQL: spring.datasource.url).",
                "Stop the other server, or give this one another --kps.data-dir.", cause);
    }
}
