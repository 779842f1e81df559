import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes what bin/openkps starts, at package time (a single-file program run by exec-maven-plugin):
 * the server's runnable jar extracted into {@code target/openkps/} (a plain class path of jars, which
 * class-data sharing needs), and a class-data archive made by a training run of the server that answers
 * a few requests: with a JDK 24 or newer on the machine an AOT cache (JEP 483/514/515: classes loaded and
 * linked, method profiles), else an AppCDS archive of the build's JDK. {@code launch.conf} records which
 * JVM made the archive and the options it was made with; the launcher starts the same JVM with them.
 *
 * <p>Arguments: the module's target directory, the build's final name, the build's JDK home.
 */
public class PrepareLauncher {

    /** The JVM options the launcher runs with, chosen by the bench (api/DECISIONS.md). */
    static final List<String> JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-Xss512k", "-Xms32m", "-Xmx96m", "-Xmn16m", "-XX:MinHeapFreeRatio=20",
            "-XX:MaxHeapFreeRatio=40", "-XX:MaxMetaspaceSize=160m",
            "-XX:ReservedCodeCacheSize=48m", "-XX:CICompilerCount=2", "-Dspring.jmx.enabled=false",
            "-Dspring.aot.enabled=true");
    /** From JDK 22: gives the C library's freed memory back to the system now and then (RSS). */
    static final List<String> JDK22_OPTIONS = List.of("-XX:TrimNativeHeapInterval=2000");
    /**
     * From JDK 24, where a virtual thread blocking inside {@code synchronized} (H2, JDBC) no longer pins its
     * carrier (JEP 491): requests on virtual threads, half the CPU per show under load (api/DECISIONS.md).
     */
    static final List<String> JDK24_OPTIONS = List.of("-Dspring.threads.virtual.enabled=true");

    /**
     * Which methods the optimising compiler (C2) may compile while the server starts: the key arithmetic only; C1
     * compiles the rest. On 2 cores C2 compiling Spring's start-up code took most of a start's CPU. The server clears
     * them once it answers (StartUpCompilerDirectives). JSON as HotSpot reads it: no comments.
     */
    static final String COMPILER_DIRECTIVES = "compiler-directives.json";

    /** The files that sign a jar (the JAR File Specification's signature-related files). */
    private static final Pattern SIGNATURE_FILE =
            Pattern.compile("META-INF/([^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]+)", Pattern.CASE_INSENSITIVE);

    private static final String PROJECT = "0b7a2f3c9d4e45f6a1b2c3d4e5f60718";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        String finalName = args[1];
        Path buildJdk = Path.of(args[2]);
        Path app = target.resolve("openkps");

        Path jar = runnableJar(target, finalName);
        deleteTree(app);
        run(List.of(buildJdk.resolve("bin/java").toString(), "-Djarmode=tools", "-jar", jar.toString(),
                "extract", "--destination", app.toString()), target.resolve("openkps-extract.log"));
        Files.move(app.resolve(jar.getFileName()), app.resolve("openkps-server.jar"));
        try (Stream<Path> libraries = Files.list(app.resolve("lib"))) {
            for (Path library : libraries.toList()) {
                dropSignature(library);
            }
        }
        Files.copy(target.resolveSibling("src").resolve("build").resolve(COMPILER_DIRECTIVES),
                app.resolve(COMPILER_DIRECTIVES));

        Jvm jvm = newestJdk(buildJdk);
        Path training = Files.createTempDirectory(target, "openkps-training");
        try {
            train(app, jvm, training, target.resolve("openkps-training.log"));
        } finally {
            deleteTree(training);
        }
        Files.writeString(app.resolve("launch.conf"), String.join("\n",
                "# Written by ./mvnw package (server/src/build/PrepareLauncher.java); read by bin/openkps.",
                "OPENKPS_JAVA='" + jvm.java() + "'",
                "OPENKPS_ARCHIVE='" + jvm.archiveFile() + "'",
                "OPENKPS_ARCHIVE_OPTION='" + jvm.useArchive() + "'",
                "OPENKPS_JVM_OPTIONS='" + String.join(" ", jvm.options()) + "'",
                "OPENKPS_COMPILER_DIRECTIVES='" + COMPILER_DIRECTIVES + "'",
                ""));
        System.out.println("openkps launcher: " + app + " (JDK " + jvm.feature() + ", " + jvm.archiveFile() + ")");
    }

    /**
     * Rewrites a signed jar of the launcher's class path without its signature (BouncyCastle's jars are
     * signed). The JVM reads and checks the whole manifest of a signed jar when it first loads a class from
     * it (bcprov's lists a digest for each of its files, 850 KB), and class-data sharing leaves the classes
     * of signed jars out of its archive; what the signature tells, who built the jar, nothing in the server
     * or in OpenJDK asks (OpenJDK does not require JCE providers to be signed). The manifest keeps its main
     * section (Multi-Release among others); the jar in the server's runnable jar stays as it was.
     */
    private static void dropSignature(Path library) throws IOException {
        Path unsigned = library.resolveSibling(library.getFileName() + ".unsigned");
        try (JarFile jar = new JarFile(library.toFile(), false)) {
            if (jar.stream().noneMatch(entry -> SIGNATURE_FILE.matcher(entry.getName()).matches())) {
                return;
            }
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().putAll(jar.getManifest().getMainAttributes());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(unsigned), manifest)) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)
                            || SIGNATURE_FILE.matcher(entry.getName()).matches()) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream in = jar.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        Files.move(unsigned, library, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The repackaged jar: the {@code -exec} one when the build makes a plain jar beside it. */
    private static Path runnableJar(Path target, String finalName) throws IOException {
        for (Path candidate : List.of(target.resolve(finalName + "-exec.jar"), target.resolve(finalName + ".jar"))) {
            if (Files.isRegularFile(candidate)) {
                try (JarFile jar = new JarFile(candidate.toFile())) {
                    if (jar.getEntry("BOOT-INF/") != null || jar.getEntry("BOOT-INF/classes/") != null) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException("no runnable (Spring Boot) jar of " + finalName + " in " + target);
    }

    /** A JDK and how it makes and reads its class-data archive. */
    record Jvm(Path home, int feature) {
        String java() {
            return home.resolve("bin/java").toString();
        }

        boolean aotCache() {
            return feature >= 24;
        }

        String archiveFile() {
            return aotCache() ? "openkps.aot" : "openkps.jsa";
        }

        String makeArchive(Path app) {
            return (aotCache() ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + app.resolve(archiveFile());
        }

        String useArchive() {
            return aotCache() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
        }

        List<String> options() {
            List<String> options = new ArrayList<>(JVM_OPTIONS);
            if (feature >= 22) {
                options.addAll(JDK22_OPTIONS);
            }
            if (feature >= 24) {
                options.addAll(JDK24_OPTIONS);
            }
            return options;
        }
    }

    /** The newest JDK among the build's and those installed beside it; 24 and newer have the AOT cache. */
    private static Jvm newestJdk(Path buildJdk) throws IOException {
        List<Path> homes = new ArrayList<>(List.of(buildJdk));
        Path installed = buildJdk.toRealPath().getParent();
        if (installed != null) {
            try (Stream<Path> jdks = Files.list(installed)) {
                jdks.forEach(homes::add);
            }
        }
        return homes.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                .map(home -> featureOf(home).map(feature -> new Jvm(home, feature)))
                .flatMap(Optional::stream)
                .max(Comparator.comparingInt(Jvm::feature))
                .orElseThrow();
    }

    private static Optional<Integer> featureOf(Path home) {
        try {
            Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs the server as bin/openkps would, makes it answer what a test suite asks, and stops it. */
    private static void train(Path app, Jvm jvm, Path dataDir, Path log) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(jvm.java()));
        command.addAll(jvm.options());
        command.addAll(List.of("-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + app.resolve(COMPILER_DIRECTIVES),
                "-Dopenkps.clear-compiler-directives-when-started=true", jvm.makeArchive(app), "-jar", app.resolve("openkps-server.jar").toString(),
                "--server.port=" + port, "--kps.data-dir=" + dataDir, "--kps.keygen.pool-size=1"));
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            Api api = new Api(port);
            api.awaitAnswer(server);
            String ed25519 = ed25519Line();
            for (int round = 0; round < 20; round++) {
                String name = "training-" + round;
                api.expect(200, "POST", "/keypairs", "{\"keypair\":{\"name\":\"" + name + "\"}}");
                api.expect(200, "POST", "/keypairs",
                        "{\"keypair\":{\"name\":\"" + name + "-imported\",\"public_key\":\"" + ed25519 + "\"}}");
                api.expect(200, "GET", "/keypairs/" + name, null);
                api.expect(200, "GET", "/keypairs?limit=1000", null);
                api.expect(200, "PUT", "/keypairs/" + name, "{\"keypair\":{\"description\":\"trained\"}}");
                api.expect(404, "GET", "/keypairs/missing-" + round, null);
                api.expect(204, "DELETE", "/keypairs/" + name, null);
            }
        } finally {
            server.destroy(); // SIGTERM: a graceful stop, after which the JVM writes the archive
            if (!server.waitFor(180, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                throw new IllegalStateException("the training server did not stop; see " + log);
            }
        }
        if (!Files.isRegularFile(app.resolve(jvm.archiveFile()))) {
            throw new IllegalStateException("the training run made no " + jvm.archiveFile() + "; see " + log);
        }
    }

    /** The server's HTTP API as its local credential sees it. */
    private static final class Api {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;

        Api(int port) {
            this.base = "http://127.0.0.1:" + port + "/v3/" + PROJECT;
        }

        void awaitAnswer(Process server) throws Exception {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the training server exited with " + server.exitValue());
                }
                try {
                    if (send("GET", "/keypairs?limit=1", null) == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            throw new IllegalStateException("the training server did not answer within " + START_TIMEOUT);
        }

        void expect(int status, String method, String path, String json) throws Exception {
            int answered = send(method, path, json);
            if (answered != status) {
                throw new IllegalStateException(method + " " + path + " answered " + answered + ", not " + status);
            }
        }

        private int send(String method, String path, String json) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("X-Auth-Token", "local-token")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** A fresh Ed25519 public key as an OpenSSH line. */
    private static String ed25519Line() throws Exception {
        byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer blob = ByteBuffer.allocate(4 + type.length + 4 + raw.length);
        blob.putInt(type.length).put(type).putInt(raw.length).put(raw);
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array()) + " training";
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
