package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.AssociationApi.accepted;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.TestCallers.ALICE;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.support.AssociationApi;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.SpecConformanceExtension;
import org.openkps.server.support.TestCallers;

/**
 * Association tasks on two servers sharing one PostgreSQL: a server that restarts ends its own unfinished
 * tasks of before, but not those its sibling is running; once the sibling is gone (kill -9) for a task lease,
 * the survivor ends the sibling's tasks and frees their servers.
 */
@ExtendWith(SpecConformanceExtension.class)
class FleetAssociationTest {

    private static final String MASTER_KEY = PostgresFleet.randomKey();
    private static final String KMS_SECRET = PostgresFleet.randomKey();
    private static final long LEASE_SECONDS = 3;

    @TempDir
    static Path dir;
    private static PostgresFleet fleet;
    private static ServerProcess a;
    private static ServerProcess b;

    @BeforeAll
    static void startTwoServers() throws Exception {
        fleet = new PostgresFleet(dir);
        CompletableFuture<ServerProcess> first = CompletableFuture.supplyAsync(() -> fleet.server("a", settings()));
        CompletableFuture<ServerProcess> second = CompletableFuture.supplyAsync(() -> fleet.server("b", settings()));
        a = first.join();
        b = second.join();
    }

    @AfterAll
    static void stopServersThenPostgres() throws Exception {
        for (ServerProcess server : new ServerProcess[] {a, b}) {
            if (server != null) {
                server.close();
            }
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aServerEndsOnlyTheTasksOfRunnersThatAreGone() throws Exception {
        String onA = a.api().generate(ALICE, TestCallers.uniqueName("fleet-task-a")).path("name").asString();
        String onB = b.api().generate(ALICE, TestCallers.uniqueName("fleet-task-b")).path("name").asString();
        String taskOfA = accepted(tasks(a).associate(ALICE, onA, "fleet-book-1", ""));
        String taskOfB = accepted(tasks(b).associate(ALICE, onB, "fleet-book-2", ""));

        b.kill();
        b = fleet.server("b", settings());

        assertThat(status(b, taskOfB)).as("b's own task of before its restart").isEqualTo("FAILED_RESET");
        assertThat(status(b, taskOfA)).as("a's task, which a still runs").isEqualTo("READY_RESET");
        Thread.sleep(2 * LEASE_SECONDS * 1000);
        assertThat(status(b, taskOfA)).as("a is seen: its task stays, however long it takes").isEqualTo("READY_RESET");

        a.kill();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (status(b, taskOfA).equals("READY_RESET") && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(status(b, taskOfA)).as("a gone for a lease").isEqualTo("FAILED_RESET");
        assertThat(tasks(b).failedEntry(ALICE, taskOfA).path("task_error_msg").asString()).contains("stopped");
        assertThat(AssociationApi.taskIds(ok(tasks(b).running(ALICE, "")))).doesNotContain(taskOfA, taskOfB);
        accepted(tasks(b).associate(ALICE, onA, "fleet-book-1", ""));
    }

    private static String status(ServerProcess server, String taskId) {
        return ok(tasks(server).task(ALICE, taskId)).path("task_status").asString();
    }

    private static AssociationApi tasks(ServerProcess server) {
        return new AssociationApi(KpsHttp.checkingResponses(server.port()));
    }

    private static String[] settings() {
        return new String[] {
                "--kps.vault.master-key=" + MASTER_KEY,
                "--kps.kms.keys[0].secret=" + KMS_SECRET,
                "--kps.ecs.task-delay=300s",
                "--kps.ecs.task-lease=" + LEASE_SECONDS + "s",
                "--kps.ecs.servers[0].id=fleet-book-1",
                "--kps.ecs.servers[0].project-id=" + ALICE.projectId(),
                "--kps.ecs.servers[1].id=fleet-book-2",
                "--kps.ecs.servers[1].project-id=" + ALICE.projectId()};
    }
}
