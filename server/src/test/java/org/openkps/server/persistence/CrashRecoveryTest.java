package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.KMS_BY_NAME;
import static org.openkps.server.support.TestCallers.ALICE;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.persistence.HostedKeypairs.Hosted;
import org.openkps.server.support.AssociationApi;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.SpecConformanceExtension;
import org.openkps.server.support.TestCallers;

/**
 * The embedded store keeps what it acknowledged: what was answered with 200 is there, whole, after
 * the server is killed with SIGKILL right after the answer or in the middle of concurrent imports
 * (whose commits share writes to disk: group commit), and after a graceful restart.
 */
@ExtendWith(SpecConformanceExtension.class)
class CrashRecoveryTest {

    private static final int KEYPAIRS = 20;
    private static final int CLIENTS = 4;
    private static final int IMPORTERS = 8;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    /**
     * Killed with SIGKILL twice, then stopped: right after a write made outside a transaction was answered
     * (an association task is recorded that way), with nothing else writing; then, after hosted key pairs
     * were created in quick succession, while {@link #IMPORTERS} clients import without pause, their commits
     * sharing writes to disk (group commit). Everything answered 200 is there, whole, after each restart,
     * and after a graceful one.
     */
    @Test
    void whatWasAnsweredSurvivesAKill9AfterALoneWriteAndInTheMiddleOfConcurrentImportsAndAGracefulRestart()
            throws Exception {
        Path data = dir.resolve("data");
        String[] inventory = {
                "--kps.ecs.task-delay=60s",
                "--kps.ecs.servers[0].id=book-crash",
                "--kps.ecs.servers[0].project-id=" + ALICE.projectId()};
        String task;
        try (ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"), inventory)) {
            String keypair = first.api().generate(ALICE, TestCallers.uniqueName("crash-task")).path("name").asString();
            task = AssociationApi.accepted(tasks(first).associate(ALICE, keypair, "book-crash", ""));
            first.kill();
        }

        List<Hosted> hosted;
        Set<String> imported = ConcurrentHashMap.newKeySet();
        try (ServerProcess second = ServerProcess.start(data, dir.resolve("second.log"), inventory)) {
            KpsHttp.Result shown = tasks(second).task(ALICE, task);
            assertThat(shown.status()).as("the task answered before the kill").isEqualTo(200);
            assertThat(shown.json().path("task_status").asString()).isEqualTo("FAILED_RESET");

            hosted = createInQuickSuccession(second);
            int cutOff = importUntilKilled(second, imported);
            assertThat(cutOff).as("requests the kill cut off").isPositive();
        }

        try (ServerProcess afterKill = ServerProcess.start(data, dir.resolve("after-kill.log"), inventory)) {
            hosted.forEach(keypair -> HostedKeypairs.assertIntact(afterKill.api(), keypair));
            assertThat(Set.copyOf(afterKill.api().listAll(ALICE, 1000)))
                    .as("every import answered 200 before the kill").containsAll(imported);
            hosted.add(HostedKeypairs.create(afterKill.api(), TestCallers.uniqueName("before-stop"), KMS_BY_NAME));
            afterKill.stop();
        }

        try (ServerProcess afterStop = ServerProcess.start(data, dir.resolve("after-stop.log"), inventory)) {
            hosted.forEach(keypair -> HostedKeypairs.assertIntact(afterStop.api(), keypair));
            assertThat(Set.copyOf(afterStop.api().listAll(ALICE, 1000))).containsAll(imported);
        }
    }

    /** Imports from {@link #IMPORTERS} clients; kills the server once enough were answered; returns how many were cut off. */
    private static int importUntilKilled(ServerProcess server, Set<String> acknowledged) throws Exception {
        AtomicInteger cutOff = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(IMPORTERS);
        try {
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < IMPORTERS; i++) {
                load.add(clients.submit(() -> {
                    while (running.get()) {
                        String name = TestCallers.uniqueName("crash-import");
                        try {
                            if (server.api().create(ALICE, NewKeypair.named(name).publicKey(KpsApi.ED25519_PUBLIC))
                                    .status() == 200) {
                                acknowledged.add(name);
                            }
                        } catch (UncheckedIOException killed) {
                            cutOff.incrementAndGet(); // in flight at the kill, or sent after it: not answered
                        }
                    }
                }));
            }
            awaitAtLeast(acknowledged, ACKNOWLEDGED_BEFORE_KILL);
            server.kill();
            Thread.sleep(200);
            running.set(false);
            for (Future<?> client : load) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return cutOff.get();
    }

    private static AssociationApi tasks(ServerProcess server) {
        return new AssociationApi(KpsHttp.checkingResponses(server.port()));
    }

    /** {@link #KEYPAIRS} hosted key pairs from {@link #CLIENTS} clients at once, half under each protection. */
    private static List<Hosted> createInQuickSuccession(ServerProcess server) throws Exception {
        List<Callable<Hosted>> creates = new ArrayList<>();
        for (int i = 0; i < KEYPAIRS; i++) {
            String encryption = i % 2 == 0 ? DEFAULT : KMS_BY_NAME;
            String name = TestCallers.uniqueName("survivor");
            creates.add(() -> HostedKeypairs.create(server.api(), name, encryption));
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Hosted> created = new ArrayList<>();
            for (Future<Hosted> answer : clients.invokeAll(creates)) {
                created.add(answer.get());
            }
            return created;
        } finally {
            clients.shutdownNow();
        }
    }

    private static void awaitAtLeast(Set<String> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(acknowledged.size()).as("imports answered before the kill").isGreaterThanOrEqualTo(count);
    }
}
