package org.openkps.server.store;

import java.nio.file.Path;

/** The embedded database of a data directory is open in another server: two servers never share the H2 file. */
class DataDirectoryInUseException extends IllegalStateException {

    private final Path dataDir;

    DataDirectoryInUseException(Path dataDir, Throwable cause) {
        super("the embedded database in " + dataDir + " is in use by another openkps server", cause);
        this.dataDir = dataDir;
    }

    Path dataDir() {
        return dataDir;
    }
}
