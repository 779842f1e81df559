package org.openkps.server.association;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * Which server process runs a task: an id kept in {@code <data-dir>/runner-id}, so that a server restarted on
 * its data directory knows the tasks it left unfinished, and tells them from those of the other servers on
 * its database.
 */
public record RunnerId(String id) {

    private static final String FILE = "runner-id";

    public RunnerId {
        Objects.requireNonNull(id, "id");
    }

    /** A new id, for a runner that keeps none (tests). */
    public static RunnerId random() {
        return new RunnerId(UUID.randomUUID().toString());
    }

    /** The id kept in the data directory, made and written there the first time. */
    static RunnerId of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                Path temporary = Files.createTempFile(dataDir, FILE, ".tmp");
                Files.writeString(temporary, UUID.randomUUID() + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException e) {
                    Files.delete(temporary);
                }
            }
            String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new RunnerId(UUID.fromString(id).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the task runner's id in " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a runner id (a UUID); delete it to make a new one");
        }
    }
}
