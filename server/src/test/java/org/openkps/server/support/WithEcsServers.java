package org.openkps.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server under test with an inventory of ECS servers (kps.ecs.servers): SSH servers of the tests
 * ({@link TestSshServer}, one per server id, each with its own home), a port that refuses connections, one
 * that accepts and never speaks, and bookkeeping servers without a host. Test classes that extend this
 * share one running server and one inventory; each test uses server ids of its own, since bindings stay.
 */
@KpsServerTest
public abstract class WithEcsServers extends KpsApiTest {

    /** The password of every test SSH server; unique, so that a search for it in logs and files means something. */
    public static final String PASSWORD = "ecs-pw-" + UUID.randomUUID();
    /**
     * How long a bookkeeping server's task takes, and how long an SSH step may take, here. The delay leaves
     * a test time to look at a task that has not ended, or to delete its key pair before it runs.
     */
    public static final String TASK_DELAY = "1500ms";
    public static final String SSH_TIMEOUT = "2s";

    /** Servers of ALICE's project with a test SSH server behind them and the password configured. */
    public static final List<String> WITH_PASSWORD = List.of("ssh-cycle", "ssh-tofu", "ssh-sdk", "ssh-client",
            "ssh-file", "ssh-batch");
    /** Servers with a test SSH server behind them and no password configured: requests must bring auth. */
    public static final List<String> WITHOUT_PASSWORD = List.of("ssh-pinned", "ssh-wrong-password", "ssh-no-auth");
    /** Bookkeeping servers of ALICE's project. */
    public static final List<String> BOOKKEEPING = List.of("book-busy", "book-gone", "book-batch-1", "book-batch-2",
            "book-sdk-1", "book-sdk-2", "book-list", "book-x509", "book-replace", "book-unbind", "book-failed-1",
            "book-failed-2", "book-client");
    /** A bookkeeping server of CAROL's project. */
    public static final String CAROLS = "book-carol";

    public static final String WRONG_HOST_KEY = "ssh-wrong-host-key";
    public static final String REFUSING = "ssh-refusing";
    public static final String SILENT = "ssh-silent";

    private static final Map<String, TestSshServer> SSH = new LinkedHashMap<>();
    private static ServerSocket silentSocket;
    private static int refusingPort;

    /** The test SSH server behind a server id. */
    public static TestSshServer ssh(String serverId) {
        TestSshServer server = SSH.get(serverId);
        if (server == null) {
            throw new IllegalArgumentException("no test SSH server behind " + serverId);
        }
        return server;
    }

    /** A port of 127.0.0.1 where nothing listens. */
    public static int refusingPort() {
        return refusingPort;
    }

    @DynamicPropertySource
    static void ecsServers(DynamicPropertyRegistry registry) throws IOException {
        startServers();
        registry.add("kps.ecs.task-delay", () -> TASK_DELAY);
        registry.add("kps.ecs.ssh-timeout", () -> SSH_TIMEOUT);
        List<Map<String, Object>> servers = new ArrayList<>();
        for (String id : WITH_PASSWORD) {
            servers.add(Map.of("id", id, "name", "web-" + id, "project-id", TestCallers.PROJECT, "host", "127.0.0.1",
                    "port", ssh(id).port(), "password", PASSWORD));
        }
        for (String id : WITHOUT_PASSWORD) {
            Map<String, Object> server = new LinkedHashMap<>(Map.of("id", id, "project-id", TestCallers.PROJECT,
                    "host", "127.0.0.1", "port", ssh(id).port()));
            if (id.equals("ssh-pinned")) {
                server.put("host-key", ssh(id).hostKeyFingerprint());
            }
            servers.add(server);
        }
        servers.add(Map.of("id", WRONG_HOST_KEY, "project-id", TestCallers.PROJECT, "host", "127.0.0.1",
                "port", ssh(WRONG_HOST_KEY).port(), "password", PASSWORD,
                "host-key", "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"));
        servers.add(Map.of("id", REFUSING, "project-id", TestCallers.PROJECT, "host", "127.0.0.1",
                "port", refusingPort, "password", PASSWORD));
        servers.add(Map.of("id", SILENT, "project-id", TestCallers.PROJECT, "host", "127.0.0.1",
                "port", silentSocket.getLocalPort(), "password", PASSWORD));
        for (String id : BOOKKEEPING) {
            servers.add(Map.of("id", id, "name", "vm-" + id, "project-id", TestCallers.PROJECT));
        }
        servers.add(Map.of("id", CAROLS, "project-id", TestCallers.OTHER_PROJECT));
        for (int i = 0; i < servers.size(); i++) {
            for (Map.Entry<String, Object> property : servers.get(i).entrySet()) {
                Object value = property.getValue();
                registry.add("kps.ecs.servers[" + i + "]." + property.getKey(), () -> value);
            }
        }
    }

    private static synchronized void startServers() throws IOException {
        if (!SSH.isEmpty()) {
            return;
        }
        Path homes = Files.createDirectories(Path.of("target", "test-ecs"));
        Path run = Files.createTempDirectory(homes, "run");
        List<String> ids = new ArrayList<>(WITH_PASSWORD);
        ids.addAll(WITHOUT_PASSWORD);
        ids.add(WRONG_HOST_KEY);
        for (String id : ids) {
            SSH.put(id, TestSshServer.start(run.resolve(id), PASSWORD));
        }
        try (ServerSocket closed = new ServerSocket(0)) {
            refusingPort = closed.getLocalPort();
        }
        silentSocket = new ServerSocket(0);
        Thread accepting = new Thread(WithEcsServers::acceptAndStaySilent, "silent-ssh");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** Accepts connections and never says a word, as a host behind a broken firewall may. */
    private static void acceptAndStaySilent() {
        List<Socket> open = new ArrayList<>();
        while (!silentSocket.isClosed()) {
            try {
                open.add(silentSocket.accept());
            } catch (IOException e) {
                if (!silentSocket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
