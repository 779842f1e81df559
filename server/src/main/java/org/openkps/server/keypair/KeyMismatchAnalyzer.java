package org.openkps.server.keypair;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in one line, without a stack trace, why a server with another fleet's keys does not start. */
class KeyMismatchAnalyzer extends AbstractFailureAnalyzer<KeyMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyMismatchException cause) {
        boolean master = cause.keyName().equals("master key");
        String setting = master ? "kps.vault.master-key" : "kps.kms.keys[N].secret of that key";
        return new FailureAnalysis(
                "The " + cause.keyName() + " of this server is not the one the database's hosted private keys are "
                        + "sealed with; every server on one database needs the same " + setting + ".",
                "Set " + setting + " to the value the other servers use (base64 of 32 bytes).", cause);
    }
}
