package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.TestCallers.ALICE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.persistence.HostedKeypairs.Hosted;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.Race;
import org.openkps.server.support.SpecConformanceExtension;
import org.openkps.server.support.TestCallers;

/**
 * Several servers on one PostgreSQL, as the README's "Run several instances" has them: started together
 * on an empty database, one state whichever answers, name races settled by the database, a crash of
 * one losing nothing acknowledged, a server with another master key refused, and an outage of the
 * database answered 503 and recovered from without a restart.
 */
@ExtendWith(SpecConformanceExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MASTER_KEY = randomKey();
    private static final String KMS_SECRET = randomKey();

    @TempDir
    static Path dir;
    private static int postgresPort;
    private static EmbeddedPostgres postgres;
    private static final List<ServerProcess> servers = new ArrayList<>();

    @BeforeAll
    static void startPostgresAndTwoServersAtOnce() throws Exception {
        postgresPort = freePort();
        postgres = startPostgres();
        List<CompletableFuture<ServerProcess>> starting = List.of(
                CompletableFuture.supplyAsync(() -> server("a", MASTER_KEY)),
                CompletableFuture.supplyAsync(() -> server("b", MASTER_KEY)));
        for (CompletableFuture<ServerProcess> server : starting) {
            servers.add(server.join());
        }
    }

    @AfterAll
    static void stopServersThenPostgres() throws IOException {
        servers.forEach(ServerProcess::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void whatOneServerDoesEveryOtherAnswersAtOnce() {
        KpsApi a = servers.get(0).api();
        KpsApi b = servers.get(1).api();
        Hosted hosted = HostedKeypairs.create(a, TestCallers.uniqueName("fleet"), KpsApi.KMS_BY_NAME);

        HostedKeypairs.assertIntact(b, hosted);
        assertThat(b.updateDescription(ALICE, hosted.name(), "rotated weekly").status()).isEqualTo(200);
        assertThat(a.detail(ALICE, hosted.name()).path("description").asString()).isEqualTo("rotated weekly");
        assertThat(b.clearPrivateKey(ALICE, hosted.name()).status()).isEqualTo(200);
        assertThat(a.exportPrivateKey(ALICE, hosted.name()).status()).isEqualTo(400);
        assertThat(a.delete(ALICE, hosted.name()).status()).isEqualTo(204);
        assertThat(b.show(ALICE, hosted.name()).status()).isEqualTo(404);
    }

    @Test
    @Order(1)
    void noPlaintextPrivateKeyReachesTheDatabaseFilesOrTheLogs() throws Exception {
        Hosted hosted = HostedKeypairs.create(servers.get(0).api(), TestCallers.uniqueName("secret"), KpsApi.DEFAULT);
        String body = hosted.privateKey().lines().filter(line -> !line.startsWith("-----")).skip(3).findFirst().orElseThrow();
        postgres.getPostgresDatabase().getConnection().createStatement().execute("CHECKPOINT");

        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(content).as("%s", file).doesNotContain(body);
            }
        }
    }

    @Test
    @Order(2)
    void aNameRaceAcrossServersHasOneWinnerAndCleanRefusals() throws Exception {
        String name = TestCallers.uniqueName("fleet-race");
        List<KpsHttp.Result> results = Race.run(8, () -> servers.get(RANDOM.nextInt(2)).api()
                .create(ALICE, NewKeypair.named(name).publicKey(KpsApi.ED25519_PUBLIC)));

        assertThat(results.stream().filter(r -> r.status() == 200)).as("winners").hasSize(1);
        results.stream().filter(r -> r.status() != 200).forEach(r -> assertThat(assertInvalid(r)).contains("already"));
    }

    @Test
    @Order(3)
    void everyServerListsInTheSameCodePointOrder() {
        String prefix = TestCallers.uniqueName("order");
        for (String suffix : List.of("b", "B", "_", "-", "0", "a", "Z")) {
            servers.get(0).api().create(ALICE, NewKeypair.named(prefix + suffix).publicKey(KpsApi.ED25519_PUBLIC));
        }
        List<String> expected = List.of("-", "0", "B", "Z", "_", "a", "b").stream().map(s -> prefix + s).toList();

        for (ServerProcess server : servers) {
            List<String> listed = server.api().listAll(ALICE, 1000).stream().filter(n -> n.startsWith(prefix)).toList();
            assertThat(listed).isEqualTo(expected);
        }
    }

    @Test
    @Order(4)
    void aServerWithAnotherMasterKeyRefusesToStart() throws Exception {
        Path log = dir.resolve("stranger.log");

        int status = ServerProcess.startExpectingRefusal(dir.resolve("stranger"), log, arguments(randomKey()));

        assertThat(status).isNotZero();
        assertThat(Files.readAllLines(log)).anyMatch(line -> line.contains("The master key of this server is not the one")
                && line.contains("kps.vault.master-key"));
    }

    @Test
    @Order(5)
    void aDatabaseOutageIsA503WithRetryAfterAndTheFleetRecoversByItself() throws Exception {
        Hosted before = HostedKeypairs.create(servers.get(0).api(), TestCallers.uniqueName("before-outage"), KpsApi.DEFAULT);
        postgres.close();
        try {
            for (ServerProcess server : servers) {
                long start = System.nanoTime();
                KpsHttp.Result answer = server.api().show(ALICE, before.name());
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                assertThat(answer.errorCode()).isEqualTo("KPS.0003");
                assertThat(answer.header("Retry-After")).isNotBlank();
                assertThat(millis).as("answered fast, not after a long wait").isLessThan(10_000);
            }
        } finally {
            postgres = startPostgres();
        }
        for (ServerProcess server : servers) {
            awaitRecovery(server);
            HostedKeypairs.assertIntact(server.api(), before);
        }
    }

    @Test
    @Order(6)
    void killingOneServerUnderLoadLosesNothingAcknowledged() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (ServerProcess server : servers) {
            for (int worker = 0; worker < 2; worker++) {
                load.add(CompletableFuture.runAsync(() -> {
                    while (running.get()) {
                        String name = TestCallers.uniqueName("load");
                        try {
                            if (server.api().create(ALICE, NewKeypair.named(name).publicKey(KpsApi.ED25519_PUBLIC))
                                    .status() == 200) {
                                acknowledged.add(name);
                            }
                        } catch (UncheckedIOException killed) {
                            // the killed server's connections fail: nothing was acknowledged there
                        }
                    }
                }));
            }
        }
        Thread.sleep(2000);
        servers.get(0).kill();
        Thread.sleep(1000);
        running.set(false);
        load.forEach(CompletableFuture::join);
        servers.set(0, server("a", MASTER_KEY));

        assertThat(acknowledged).hasSizeGreaterThan(10);
        for (ServerProcess server : servers) {
            Set<String> listed = Set.copyOf(server.api().listAll(ALICE, 1000));
            assertThat(listed).as("acknowledged key pairs listed by every server").containsAll(acknowledged);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static ServerProcess server(String name, String masterKey) {
        return ServerProcess.start(dir.resolve(name), dir.resolve(name + ".log"), arguments(masterKey));
    }

    private static String[] arguments(String masterKey) {
        return new String[] {
                "--spring.datasource.url=jdbc:postgresql://localhost:" + postgresPort + "/postgres",
                "--spring.datasource.username=postgres",
                "--kps.vault.master-key=" + masterKey,
                "--kps.kms.keys[0].secret=" + KMS_SECRET};
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(postgresPort)
                .setDataDirectory(dir.resolve("postgres-data"))
                .setCleanDataDirectory(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .start();
    }

    private static void awaitRecovery(ServerProcess server) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (server.api().list(ALICE, "limit=1").status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server did not recover within 30 s:\n" + server.logTail());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
