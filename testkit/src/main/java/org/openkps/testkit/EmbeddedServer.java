package org.openkps.testkit;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The openkps server in this JVM, isolated from the test's class path: the runnable server jar (embedded in
 * the test kit) is unpacked into a temporary directory and run from a class loader of its own whose parent
 * is the platform class loader. So none of the server's libraries (Spring, Tomcat, Logback, H2, Flyway)
 * meets the test's own, and the server reads no configuration of the test's: its properties are given
 * here, its data lives in the temporary directory, and its start leaves the JVM's system properties and
 * thread context class loader as it found them.
 */
final class EmbeddedServer implements AutoCloseable {

    private static final String SERVER_JAR = "openkps-server.jar";
    private static final String APPLICATION = "org.openkps.server.KpsServerApplication";
    /** Logback, the server's, configured from a file of ours: warnings and errors only, marked as the server's. */
    private static final String LOGBACK = """
            <configuration>
              <appender name="console" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>[openkps] %d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.flywaydb" level="ERROR"/>
              <root level="WARN"><appender-ref ref="console"/></root>
            </configuration>
            """;

    private final Path home;
    private final URLClassLoader loader;
    private final Closeable context;
    private final URI endpoint;

    private EmbeddedServer(Path home, URLClassLoader loader, Closeable context, URI endpoint) {
        this.home = home;
        this.loader = loader;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Starts a server on a free port of 127.0.0.1 with these {@code --name=value} properties. */
    static EmbeddedServer start(List<String> properties) {
        Path home = null;
        URLClassLoader loader = null;
        try {
            home = Files.createTempDirectory("openkps-testkit-");
            loader = new URLClassLoader("openkps-server", unpack(home), ClassLoader.getPlatformClassLoader());
            List<String> args = new ArrayList<>(List.of(
                    "--server.address=127.0.0.1",
                    "--server.port=0",
                    "--server.servlet.context-path=",
                    "--kps.data-dir=" + home.resolve("data"),
                    // Only the server's own application.properties, never a file of the test's working directory.
                    "--spring.config.location=classpath:/",
                    // The embedded database, whatever SPRING_DATASOURCE_URL the environment has.
                    "--spring.datasource.url=",
                    "--spring.main.banner-mode=off",
                    "--spring.main.register-shutdown-hook=false",
                    "--spring.jmx.enabled=false"));
            args.addAll(properties);
            Closeable context = run(loader, args.toArray(String[]::new));
            return new EmbeddedServer(home, loader, context, URI.create("http://127.0.0.1:" + port(context)));
        } catch (IOException e) {
            cleanUp(home, loader);
            throw new UncheckedIOException("the openkps server could not be unpacked", e);
        } catch (RuntimeException | Error e) {
            cleanUp(home, loader);
            throw e;
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            context.close();
            // H2 registered its driver with the JVM's DriverManager, which would keep the class loader alive.
            loader.loadClass("org.h2.Driver").getMethod("unload").invoke(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the embedded database driver did not unload", e);
        } finally {
            cleanUp(home, loader);
        }
    }

    /**
     * Runs {@code SpringApplication.run(KpsServerApplication.class, args)} in the server's class loader, with
     * Tomcat's JVM-wide URL handler and Spring Boot's logging system off (the server's Logback reads our file instead, and the JVM-wide
     * java.util.logging stays the test's), then puts back the system properties and the context class loader.
     */
    private static Closeable run(ClassLoader loader, String[] args) {
        Thread thread = Thread.currentThread();
        ClassLoader contextLoader = thread.getContextClassLoader();
        Properties systemProperties = (Properties) System.getProperties().clone();
        // The JVM's DriverManager loads the JDBC drivers it finds once, through the context class loader of its
        // first use: let that be the test's, so that the server's database drivers never become the test's.
        DriverManager.getDrivers();
        thread.setContextClassLoader(loader);
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try {
            // Tomcat would register its URL stream handler factory, of which a JVM has one: the test's own
            // Tomcat (a Spring Boot test's), or the next server after a restart, could not start then.
            loader.loadClass("org.apache.catalina.webresources.TomcatURLStreamHandlerFactory")
                    .getMethod("disable").invoke(null);
            Class<?> application = loader.loadClass(APPLICATION);
            Object context = loader.loadClass("org.springframework.boot.SpringApplication")
                    .getMethod("run", Class.class, String[].class)
                    .invoke(null, application, args);
            return (Closeable) context;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the openkps server did not start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the embedded openkps server jar is not runnable", e);
        } finally {
            thread.setContextClassLoader(contextLoader);
            restore(systemProperties);
        }
    }

    private static void restore(Properties before) {
        Properties now = System.getProperties();
        for (String name : now.stringPropertyNames()) {
            if (!before.containsKey(name)) {
                System.clearProperty(name);
            }
        }
        before.forEach((name, value) -> {
            if (!value.equals(now.get(name))) {
                now.put(name, value);
            }
        });
    }

    private static int port(Closeable context) {
        try {
            Object environment = context.getClass().getMethod("getEnvironment").invoke(context);
            Object port = environment.getClass().getMethod("getProperty", String.class)
                    .invoke(environment, "local.server.port");
            return Integer.parseInt(String.valueOf(port));
        } catch (ReflectiveOperationException | NumberFormatException e) {
            throw new IllegalStateException("the openkps server does not say its port", e);
        }
    }

    /**
     * Unpacks the runnable jar's classes and libraries under {@code home}, and writes the logging
     * configuration; returns the class path, libraries in the jar's own order (its classpath.idx).
     */
    private static URL[] unpack(Path home) throws IOException {
        Path classes = home.resolve("classes");
        Path lib = home.resolve("lib");
        Path logging = Files.createDirectories(home.resolve("logging"));
        Files.writeString(logging.resolve("logback.xml"), LOGBACK);
        List<String> index = new ArrayList<>();
        try (InputStream jar = EmbeddedServer.class.getResourceAsStream(SERVER_JAR)) {
            if (jar == null) {
                throw new IllegalStateException(SERVER_JAR + " is missing from the test kit");
            }
            ZipInputStream zip = new ZipInputStream(jar);
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.equals("BOOT-INF/classpath.idx")) {
                    BufferedReader reader = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
                    reader.lines().map(line -> line.replaceAll("^- \"|\"$", "")).forEach(index::add);
                } else if (name.startsWith("BOOT-INF/classes/")) {
                    copy(zip, classes, name.substring("BOOT-INF/classes/".length()));
                } else if (name.startsWith("BOOT-INF/lib/")) {
                    copy(zip, lib, name.substring("BOOT-INF/lib/".length()));
                }
            }
        }
        List<URL> path = new ArrayList<>(List.of(url(logging), url(classes)));
        try (Stream<Path> jars = Files.list(lib)) {
            jars.sorted(Comparator.comparingInt((Path jar) -> {
                int at = index.indexOf("BOOT-INF/lib/" + jar.getFileName());
                return at < 0 ? Integer.MAX_VALUE : at;
            }).thenComparing(Path::getFileName)).forEach(jar -> path.add(url(jar)));
        }
        return path.toArray(URL[]::new);
    }

    private static void copy(InputStream in, Path root, String relative) throws IOException {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("an entry of the server jar points outside: " + relative);
        }
        Files.createDirectories(target.getParent());
        Files.copy(in, target);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void cleanUp(Path home, URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // the files go anyway
            }
        }
        if (home == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it eventually
        }
    }
}
