package org.openkps.server.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Debian's Chromium, headless, in a fresh profile, driven over the DevTools protocol (a WebSocket of
 * java.net.http): navigate, evaluate script in the page, take screenshots, and record every request the
 * page made. It resolves no host name but 127.0.0.1, so a page that reaches for the internet fails
 * visibly instead of quietly depending on it.
 *
 * <p>Where {@code chromium} is missing the test is skipped, saying so; in CI ({@code CI=true}, where .ci/run
 * installs it) it fails.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final String PROGRAM = "chromium";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Fails (in CI) or skips (elsewhere) the test unless Chromium is installed. */
    static void requireInstalled() {
        boolean installed = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, PROGRAM)));
        String missing = PROGRAM + " is not installed; the test of the docs page in a real browser needs it (Debian: chromium)";
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing);
        }
        Assumptions.assumeTrue(installed, missing);
    }

    static HeadlessChromium start() throws IOException, InterruptedException {
        requireInstalled();
        Path profile = Files.createTempDirectory("openkps-chromium");
        Process process = new ProcessBuilder(PROGRAM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--mute-audio", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--window-size=1280,900", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(profile.resolve("chromium.out").toFile())
                .redirectError(profile.resolve("chromium.err").toFile())
                .start();
        try {
            int port = devToolsPort(process, profile);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if (target.path("type").asString().equals("page")) {
                    page = target.path("webSocketDebuggerUrl").asString();
                }
            }
            if (page == null) {
                throw new IllegalStateException("Chromium shows no page: " + targets);
            }
            Receiver receiver = new Receiver();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), receiver)
                    .get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, profile, socket);
            receiver.chromium = chromium;
            for (String domain : List.of("Page", "Network", "Runtime", "Log")) {
                chromium.send(domain + ".enable", Map.of());
            }
            return chromium;
        } catch (Exception e) {
            stop(process, profile);
            throw new IllegalStateException("Chromium did not start: " + e.getMessage() + "\n" + errorsOf(profile), e);
        }
    }

    /** Chromium writes the port it chose into the profile once it listens. */
    private static int devToolsPort(Process process, Path profile) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).strip());
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Chromium did not open its DevTools port within 60 s");
    }

    /** Sends a DevTools command and waits for its result. */
    JsonNode send(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(command), true).join();
        try {
            JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer: " + e.getMessage(), e);
        } finally {
            pending.remove(id);
        }
    }

    void navigate(String url) {
        send("Page.navigate", Map.of("url", url));
    }

    /** Evaluates a script expression in the page and returns its value (awaiting a promise). */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until the expression is true in the page; fails with what {@code explain} says then. */
    void waitUntil(String expression, Duration timeout, String explain) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate("!!(" + expression + ")").asBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + timeout.toSeconds() + " s: " + expression + "; " + evaluate(explain));
    }

    /** A PNG of what the window shows. */
    void screenshot(Path file) throws IOException {
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asString()));
    }

    /** The URL of every request the page made so far (DevTools' Network.requestWillBeSent). */
    List<String> requestedUrls() {
        return eventsOf("Network.requestWillBeSent").stream().map(e -> e.path("request").path("url").asString()).toList();
    }

    /** Errors the page logged: failed loads, refusals of its content security policy, exceptions. */
    List<String> errors() {
        List<String> errors = new ArrayList<>();
        eventsOf("Log.entryAdded").stream().map(e -> e.path("entry"))
                .filter(entry -> entry.path("level").asString().equals("error"))
                .forEach(entry -> errors.add(entry.path("text").asString() + " " + entry.path("url").asString()));
        eventsOf("Runtime.exceptionThrown").forEach(e -> errors.add(e.path("exceptionDetails").toString()));
        eventsOf("Runtime.consoleAPICalled").stream().filter(e -> e.path("type").asString().equals("error"))
                .forEach(e -> errors.add(e.path("args").toString()));
        return errors;
    }

    private List<JsonNode> eventsOf(String method) {
        return events.stream().filter(e -> e.path("method").asString().equals(method)).map(e -> e.path("params")).toList();
    }

    @Override
    public void close() {
        try {
            send("Browser.close", Map.of());
        } catch (RuntimeException alreadyGone) {
            // stopped below either way
        }
        socket.abort();
        stop(process, profile);
    }

    private static void stop(Process process, Path profile) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory
        }
    }

    private static String errorsOf(Path profile) {
        try {
            return Files.readString(profile.resolve("chromium.err"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads DevTools messages (text frames, possibly in parts): answers to commands, and events. */
    private static final class Receiver implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();
        private volatile HeadlessChromium chromium;
        private final List<JsonNode> early = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                JsonNode node = JSON.readTree(message.toString());
                message.setLength(0);
                deliver(node);
            }
            webSocket.request(1);
            return null;
        }

        private void deliver(JsonNode node) {
            HeadlessChromium target = chromium;
            if (target == null) {
                early.add(node);
                return;
            }
            if (!early.isEmpty()) {
                early.forEach(target::accept);
                early.clear();
            }
            target.accept(node);
        }
    }

    private void accept(JsonNode node) {
        if (node.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(node.path("id").asInt());
            if (answer != null) {
                answer.complete(node);
            }
        } else {
            events.add(node);
        }
    }
}
