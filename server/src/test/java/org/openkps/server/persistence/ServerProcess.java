package org.openkps.server.persistence;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.openkps.server.KpsServerApplication;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.TestCallers;

/**
 * The server as a separate JVM, as it runs in production: started on a data directory (or a
 * database), killed with SIGKILL or stopped with SIGTERM. It knows ALICE and the test key ring.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;
    private final KpsApi api;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.api = new KpsApi(KpsHttp.checkingResponses(port));
    }

    /**
     * Starts a server on {@code dataDir} and waits until it answers; its output goes to {@code log}.
     *
     * @param extraArgs more {@code --property=value} arguments, such as a datasource
     */
    static ServerProcess start(Path dataDir, Path log, String... extraArgs) {
        return start(javaCommand(), dataDir, log, extraArgs);
    }

    /** As {@link #start}, started by {@code launcher} (bin/openkps) instead of a plain JVM on the class path. */
    static ServerProcess startWithLauncher(Path launcher, Path dataDir, Path log, String... extraArgs) {
        return start(List.of(launcher.toString()), dataDir, log, extraArgs);
    }

    private static ServerProcess start(List<String> command, Path dataDir, Path log, String... extraArgs) {
        int port = freePort();
        try {
            ServerProcess server = new ServerProcess(launch(command, port, dataDir, log, extraArgs), port, log);
            server.awaitAnswer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server that is expected not to come up, and returns its exit status once it gave up. */
    static int startExpectingRefusal(Path dataDir, Path log, String... extraArgs) {
        try {
            Process process = launch(javaCommand(), freePort(), dataDir, log, extraArgs);
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the server neither started nor gave up");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-cp", serverClassPath(), KpsServerApplication.class.getName());
    }

    private static Process launch(List<String> start, int port, Path dataDir, Path log, String... extraArgs)
            throws IOException {
        List<String> command = new ArrayList<>(start);
        command.addAll(List.of(
                "--server.port=" + port,
                "--kps.data-dir=" + dataDir,
                "--kps.credentials[0].token=" + TestCallers.ALICE.token(),
                "--kps.credentials[0].project-id=" + TestCallers.ALICE.projectId(),
                "--kps.credentials[0].user-id=" + TestCallers.ALICE.userId(),
                "--kps.kms.keys[0].id=" + TestCallers.KMS_KEY_ID,
                "--kps.kms.keys[0].name=" + TestCallers.KMS_KEY_NAME));
        command.addAll(Arrays.asList(extraArgs));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    int port() {
        return port;
    }

    /** The API of this server; nothing made through it is deleted by the tests. */
    KpsApi api() {
        return api;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: Spring's graceful shutdown; returns the exit status. */
    int stop() {
        process.destroy();
        awaitExit();
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The test class path minus the test classes, whose test configurations the server must not pick up. */
    private static String serverClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnswer() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (api.list(TestCallers.ALICE, "limit=1").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof ConnectException) && !(e.getCause() instanceof HttpTimeoutException)) {
                    throw e;
                }
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not answer within " + START_TIMEOUT + ":\n" + logTail());
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not exit:\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
