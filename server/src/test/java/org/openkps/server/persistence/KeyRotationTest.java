package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.TestCallers.ALICE;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.support.AdminApi;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.SpecConformanceExtension;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/**
 * A rolling master-key rotation of two servers on one PostgreSQL, as the README's "Run several instances"
 * describes it, while clients create, import, re-host and export hosted private keys on both without pause:
 * each server is taken out of service, stopped and started with the new master key and the old one as
 * previous, the re-seal runs (twice), each is restarted with the new key alone. No request fails, every
 * hosted private key exports byte for byte before, during and after, and a server with only the old key is
 * refused in one line.
 */
@ExtendWith(SpecConformanceExtension.class)
class KeyRotationTest {

    private static final String OLD = PostgresFleet.randomKey();
    private static final String NEW = PostgresFleet.randomKey();
    private static final String KMS_SECRET = PostgresFleet.randomKey();
    private static final int WORKERS = 3;

    @TempDir
    static Path dir;
    private static PostgresFleet fleet;
    /** What a load balancer would send to: a server out of service (being restarted) is null. */
    private static final AtomicReferenceArray<ServerProcess> inService = new AtomicReferenceArray<>(2);

    /** Every hosted private key acknowledged, by key pair name. */
    private final Map<String, String> privateKeys = new ConcurrentHashMap<>();
    private final Map<String, String> publicKeys = new ConcurrentHashMap<>();
    private final AtomicInteger operations = new AtomicInteger();
    private final AtomicInteger exportsCompared = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startTwoServersOnTheOldKey() throws Exception {
        fleet = new PostgresFleet(dir);
        CompletableFuture<ServerProcess> a = CompletableFuture.supplyAsync(() -> fleet.server("a", keys(OLD)));
        CompletableFuture<ServerProcess> b = CompletableFuture.supplyAsync(() -> fleet.server("b", keys(OLD)));
        inService.set(0, a.join());
        inService.set(1, b.join());
    }

    @AfterAll
    static void stopServersThenPostgres() throws Exception {
        for (int i = 0; i < inService.length(); i++) {
            if (inService.get(i) != null) {
                inService.get(i).close();
            }
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aRollingRotationUnderLoadAnswersNoErrorAndKeepsEveryHostedKey() throws Exception {
        for (int i = 0; i < 6; i++) {
            generate(inService.get(i % 2).api(), i == 5 ? KpsApi.KMS_BY_NAME : KpsApi.DEFAULT);
        }
        Map<String, String> before = Map.copyOf(privateKeys);
        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<Void>> load = new ArrayList<>();
        for (int worker = 0; worker < WORKERS; worker++) {
            load.add(CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    step();
                }
            }));
        }

        Thread.sleep(1500);
        rollingRestart(keys(NEW, OLD));
        Thread.sleep(1500);
        JsonNode first = reseal(inService.get(0));
        JsonNode second = reseal(inService.get(1));
        Thread.sleep(1000);
        rollingRestart(keys(NEW));
        Thread.sleep(1500);
        running.set(false);
        load.forEach(CompletableFuture::join);

        System.out.printf("rotation under load: %d operations, %d errors, %d answered 5xx, %d exports compared "
                        + "during the load, %d hosted keys at the end; first re-seal %s, second %s%n",
                operations.get(), errors.size(), serverErrors.get(), exportsCompared.get(), privateKeys.size(),
                first, second);
        assertThat(errors).as("failed requests during the rotation").isEmpty();
        assertThat(serverErrors.get()).isZero();
        assertThat(operations.get()).as("requests made during the rotation").isGreaterThan(50);
        assertThat(first.path("master_key_recorded").asBoolean()).isTrue();
        assertThat(first.path("resealed").asInt()).as("keys sealed under the old key").isGreaterThanOrEqualTo(5);
        assertThat(first.path("unreadable").asInt()).isZero();
        assertThat(second.path("master_key_recorded").asBoolean()).isFalse();
        assertThat(second.path("resealed").asInt()).as("the second re-seal changes nothing").isZero();
        assertThat(second.path("already_current").asInt()).isGreaterThanOrEqualTo(first.path("resealed").asInt());
        for (int i = 0; i < 2; i++) {
            KpsApi api = inService.get(i).api();
            before.forEach((name, privateKey) -> assertThat(api.exported(ALICE, name)).as("%s before", name)
                    .isEqualTo(privateKey));
            privateKeys.forEach((name, privateKey) -> assertThat(api.exported(ALICE, name)).as(name)
                    .isEqualTo(privateKey));
        }

        Path log = dir.resolve("old-key-only.log");
        int status = ServerProcess.startExpectingRefusal(dir.resolve("old-key-only"), log, fleet.arguments(keys(OLD)));
        List<String> lines = Files.readAllLines(log);
        assertThat(status).isNotZero();
        assertThat(lines).filteredOn(line -> line.contains("The master key of this server is not the one")
                && line.contains("kps.vault.master-key")).hasSize(1);
        assertThat(lines).as("no stack trace").noneMatch(line -> line.strip().startsWith("at "));
        assertNoPlaintextPrivateKeyInTheDatabaseOrTheLogs();
    }

    // ---- the load ------------------------------------------------------------------------------

    private void step() {
        ServerProcess server = anyInService();
        String operation = "";
        try {
            // Enough keys made (generating RSA keys is what costs): from then on re-host and export them.
            int choice = privateKeys.size() < 10 ? ThreadLocalRandom.current().nextInt(2)
                    : privateKeys.size() > 150 ? 2 + ThreadLocalRandom.current().nextInt(4)
                    : ThreadLocalRandom.current().nextInt(6);
            KpsApi api = server.api();
            switch (choice) {
                case 0 -> {
                    operation = "create";
                    generate(api, KpsApi.DEFAULT);
                }
                case 1 -> {
                    operation = "import";
                    String source = anyKnown();
                    String name = TestCallers.uniqueName("rot-import");
                    expect(operation, api.create(ALICE, NewKeypair.named(name)
                            .imported(publicKeys.get(source), privateKeys.get(source), KpsApi.DEFAULT)), 200);
                    publicKeys.put(name, publicKeys.get(source));
                    privateKeys.put(name, privateKeys.get(source));
                }
                case 2 -> {
                    operation = "re-host";
                    String name = anyKnown();
                    expect(operation, api.importPrivateKey(ALICE, name, privateKeys.get(name), KpsApi.DEFAULT), 200);
                }
                default -> {
                    operation = "export";
                    String name = anyKnown();
                    KpsHttp.Result answer = api.exportPrivateKey(ALICE, name);
                    if (expect(operation, answer, 200)) {
                        exportsCompared.incrementAndGet();
                        if (!answer.json().path("keypair").path("private_key").asString().equals(privateKeys.get(name))) {
                            errors.add("export of " + name + " on " + server.port() + ": another private key");
                        }
                    }
                }
            }
        } catch (UncheckedIOException | AssertionError e) {
            errors.add(operation + " on " + server.port() + ": " + e);
        } finally {
            operations.incrementAndGet();
        }
    }

    private void generate(KpsApi api, String encryption) {
        String name = TestCallers.uniqueName("rot");
        KpsHttp.Result answer = api.create(ALICE, NewKeypair.named(name).hosted(encryption));
        if (expect("create", answer, 200)) {
            JsonNode keypair = answer.json().path("keypair");
            publicKeys.put(name, keypair.path("public_key").asString());
            privateKeys.put(name, keypair.path("private_key").asString());
        }
    }

    private boolean expect(String operation, KpsHttp.Result answer, int status) {
        if (answer.status() >= 500) {
            serverErrors.incrementAndGet();
        }
        if (answer.status() != status) {
            errors.add(operation + ": " + answer.status() + " " + answer.body());
            return false;
        }
        return true;
    }

    private String anyKnown() {
        List<String> names = List.copyOf(publicKeys.keySet());
        return names.get(ThreadLocalRandom.current().nextInt(names.size()));
    }

    private static ServerProcess anyInService() {
        while (true) {
            ServerProcess server = inService.get(ThreadLocalRandom.current().nextInt(2));
            if (server != null) {
                return server;
            }
        }
    }

    // ---- the rotation --------------------------------------------------------------------------

    /** One server at a time: out of service, drained, SIGTERM, started with {@code settings}, back in. */
    private static void rollingRestart(String... settings) throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            ServerProcess old = inService.getAndSet(i, null);
            Thread.sleep(1000);
            assertThat(old.stop()).as("exit status on SIGTERM").isZero();
            inService.set(i, fleet.server(i == 0 ? "a" : "b", settings));
        }
    }

    private static JsonNode reseal(ServerProcess server) {
        AdminApi admin = new AdminApi(KpsHttp.checkingResponses(server.port()), AdminApi.LOCAL_TOKEN);
        KpsHttp.Result answer = admin.reseal();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static String[] keys(String masterKey, String... previous) {
        List<String> settings = new ArrayList<>(List.of("--kps.vault.master-key=" + masterKey,
                "--kps.kms.keys[0].secret=" + KMS_SECRET));
        for (int i = 0; i < previous.length; i++) {
            settings.add("--kps.vault.previous-master-keys[" + i + "]=" + previous[i]);
        }
        return settings.toArray(String[]::new);
    }

    private void assertNoPlaintextPrivateKeyInTheDatabaseOrTheLogs() throws Exception {
        fleet.postgres().getPostgresDatabase().getConnection().createStatement().execute("CHECKPOINT");
        List<String> bodies = privateKeys.values().stream().limit(5)
                .map(pem -> pem.lines().filter(line -> !line.startsWith("-----")).skip(3).findFirst().orElseThrow())
                .toList();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String body : bodies) {
                    assertThat(content).as("%s", file).doesNotContain(body);
                }
                assertThat(content).as("%s", file).doesNotContain(OLD).doesNotContain(NEW);
            }
        }
    }
}
