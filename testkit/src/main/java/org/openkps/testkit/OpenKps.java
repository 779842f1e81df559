package org.openkps.testkit;

import java.net.URI;
import java.util.List;

import org.openkps.client.KpsClient;

/**
 * The openkps server of this JVM, as {@link OpenKpsTest} hands it to a test: where it listens, the
 * credential it accepts, our client for it, and its controls (reset, fault rules).
 *
 * <p>One server per JVM: started on first use on a free port of 127.0.0.1 with a temporary data
 * directory, shared by every test class, stopped when the test run ends (or the JVM exits). It runs
 * in a class loader of its own, so it brings none of its libraries onto the test's class path and
 * reads none of the test's configuration.
 */
public final class OpenKps {

    /** The credential of the server, the documented local one (README). */
    private static final String TOKEN = "local-token";
    private static final String ACCESS_KEY = "LOCALACCESSKEY000000";
    private static final String SECRET_KEY = "local-secret-key";
    private static final String PROJECT_ID = "0b7a2f3c9d4e45f6a1b2c3d4e5f60718";
    private static final String USER_ID = "e4f380899b1248918f3d37098dc63746";
    private static final String DOMAIN_ID = "d0b1c2e3f4a5b6c7d8e9f0a1b2c3d4e5";
    private static final String ADMIN_TOKEN = "local-admin-token";

    private static OpenKps shared;

    private final EmbeddedServer server;
    private final AdminClient admin;
    private final KpsClient client;
    private final Faults faults;

    private OpenKps(EmbeddedServer server) {
        this.server = server;
        this.admin = new AdminClient(server.endpoint(), ADMIN_TOKEN);
        this.client = KpsClient.withToken(server.endpoint(), TOKEN);
        this.faults = new Faults(admin);
    }

    /** The server of this JVM, started now if it is not running yet. */
    public static synchronized OpenKps shared() {
        if (shared == null) {
            EmbeddedServer server = EmbeddedServer.start(List.of(
                    "--kps.credentials[0].token=" + TOKEN,
                    "--kps.credentials[0].access-key=" + ACCESS_KEY,
                    "--kps.credentials[0].secret-key=" + SECRET_KEY,
                    "--kps.credentials[0].project-id=" + PROJECT_ID,
                    "--kps.credentials[0].user-id=" + USER_ID,
                    "--kps.credentials[0].domain-id=" + DOMAIN_ID,
                    "--kps.admin.token=" + ADMIN_TOKEN));
            OpenKps started = new OpenKps(server);
            if (!started.admin.isUp()) {
                server.close();
                throw new IllegalStateException("the openkps server started but its health check is not UP");
            }
            shared = started;
            Runtime.getRuntime().addShutdownHook(new Thread(OpenKps::stopShared, "openkps-stop"));
        }
        return shared;
    }

    /** Stops the server of this JVM, if it runs; the next {@link #shared()} starts a new one. */
    static synchronized void stopShared() {
        if (shared != null) {
            OpenKps stopping = shared;
            shared = null;
            stopping.server.close();
        }
    }

    /** Where KPS answers, such as {@code http://127.0.0.1:41234}: the endpoint of our client or the official SDKs. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** The project of the credential; every KPS path starts with {@code /v3/{projectId}}. */
    public String projectId() {
        return PROJECT_ID;
    }

    /** The user of the credential: the owner of the key pairs it creates. */
    public String userId() {
        return USER_ID;
    }

    /** The {@code X-Auth-Token} the server accepts. */
    public String token() {
        return TOKEN;
    }

    /** The access key of the AK/SK pair the server accepts, for the official Huawei Cloud SDKs. */
    public String accessKey() {
        return ACCESS_KEY;
    }

    /** The secret key of the AK/SK pair the server accepts. */
    public String secretKey() {
        return SECRET_KEY;
    }

    /** The {@code X-Admin-Token} of the admin API under {@code /_openkps}, for a test that calls it itself. */
    public String adminToken() {
        return ADMIN_TOKEN;
    }

    /** Our client, authenticated with {@link #token()}. */
    public KpsClient client() {
        return client;
    }

    /** The server as it started: every key pair (and everything else stored) and every fault rule gone. */
    public void reset() {
        admin.reset(null);
        faults.clear();
    }

    /** Everything stored of one project gone; other projects and the fault rules stay. */
    public void reset(String projectId) {
        admin.reset(projectId);
    }

    /** The fault rules: make KPS operations slow down or fail. */
    public Faults faults() {
        return faults;
    }

    @Override
    public String toString() {
        return "OpenKps[" + endpoint() + ", project " + PROJECT_ID + "]";
    }
}
