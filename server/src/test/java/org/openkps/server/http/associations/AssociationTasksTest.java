package org.openkps.server.http.associations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.AssociationApi.accepted;
import static org.openkps.server.support.AssociationApi.association;
import static org.openkps.server.support.AssociationApi.password;
import static org.openkps.server.support.AssociationApi.taskIds;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.CAROL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkps.server.support.AssociationApi;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.TestCallers;
import org.openkps.server.support.WithEcsServers;

import tools.jackson.databind.JsonNode;

/**
 * The task side of association on bookkeeping servers (no SSH): what is refused at once and how, one
 * task per server, the running and failed lists with their paging, deleting failed tasks, batches.
 */
class AssociationTasksTest extends WithEcsServers {

    private AssociationApi tasks;

    @BeforeEach
    void associationApi() {
        tasks = new AssociationApi(api.http());
    }

    @Test
    void aServerHasOneTaskAtATime_theRunningListShowsIt() {
        String name = keypair("busy");
        String first = accepted(tasks.associate(ALICE, name, "book-busy", ""));

        String refused = assertError(tasks.associate(ALICE, name, "book-busy", ""), 409, "KPS.0002");
        assertThat(refused).contains("'book-busy'", first);
        JsonNode running = ok(tasks.running(ALICE, ""));
        JsonNode entry = running.path("tasks").valueStream()
                .filter(t -> t.path("task_id").asString().equals(first)).findFirst().orElseThrow();
        assertThat(entry.path("operate_type").asString()).isIn("READY_RESET", "RUNNING_RESET");
        assertThat(entry.path("server_id").asString()).isEqualTo("book-busy");
        assertThat(entry.path("server_name").asString()).isEqualTo("vm-book-busy");
        assertThat(entry.path("keypair_name").asString()).isEqualTo(name);
        assertThat(running.path("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(ok(tasks.task(ALICE, first)).path("task_status").asString()).isIn("READY_RESET", "RUNNING_RESET");

        assertThat(tasks.awaitEnd(ALICE, first)).isEqualTo("SUCCESS_RESET");
        assertThat(taskIds(ok(tasks.running(ALICE, "")))).doesNotContain(first);
        // Bound now: the next one is a replace, which needs auth even on a bookkeeping server.
        assertInvalid(tasks.associate(ALICE, name, "book-busy", ""));
        String replace = accepted(tasks.associate(ALICE, name, "book-busy", password("any")));
        assertThat(ok(tasks.task(ALICE, replace)).path("task_status").asString()).isIn("READY_REPLACE", "RUNNING_REPLACE");
        assertThat(tasks.awaitEnd(ALICE, replace)).isEqualTo("SUCCESS_RESET");
    }

    @Test
    void aKeyPairDeletedBeforeTheTaskRunsFailsIt() {
        String name = keypair("gone");
        String task = accepted(tasks.associate(ALICE, name, "book-gone", ""));
        assertThat(api.delete(ALICE, name).status()).isEqualTo(204);

        assertThat(tasks.awaitEnd(ALICE, task)).isEqualTo("FAILED_RESET");
        JsonNode failed = tasks.failedEntry(ALICE, task);
        assertThat(failed.path("task_error_code").asString()).isEqualTo("KPS.4016");
        assertThat(failed.path("task_error_msg").asString()).contains(name, "deleted");
        // Nothing was bound: the server takes a reset again.
        String again = accepted(tasks.associate(ALICE, keypair("gone-next"), "book-gone", ""));
        assertThat(tasks.awaitEnd(ALICE, again)).isEqualTo("SUCCESS_RESET");
    }

    @Test
    void failedTasksAreDeletedOneByOneOrAllAtOnce() {
        String one = failedTask("book-failed-1");
        String two = failedTask("book-failed-2");

        assertThat(tasks.deleteFailed(ALICE, one).status()).isEqualTo(200);
        assertThat(taskIds(ok(tasks.failed(ALICE, "")))).doesNotContain(one).contains(two);
        assertError(tasks.deleteFailed(ALICE, one), 404, "KPS.0005");
        assertError(tasks.task(ALICE, one), 404, "KPS.0001");

        assertThat(tasks.deleteAllFailed(ALICE).status()).isEqualTo(200);
        JsonNode none = ok(tasks.failed(ALICE, ""));
        assertThat(none.path("total").asInt()).isZero();
        assertThat(none.path("tasks").size()).isZero();
        assertThat(tasks.deleteAllFailed(ALICE).status()).as("again, with none").isEqualTo(200);
    }

    @Test
    void aSucceededTaskIsNotAFailedTaskToDelete() {
        String task = accepted(tasks.associate(ALICE, keypair("done"), "book-unbind", ""));
        assertThat(tasks.awaitEnd(ALICE, task)).isEqualTo("SUCCESS_RESET");

        assertError(tasks.deleteFailed(ALICE, task), 404, "KPS.0005");
        String unbind = accepted(tasks.disassociate(ALICE, "book-unbind", ""));
        assertThat(ok(tasks.task(ALICE, unbind)).path("task_status").asString()).isIn("READY_UNBIND", "RUNNING_UNBIND");
        assertThat(tasks.awaitEnd(ALICE, unbind)).isEqualTo("SUCCESS_UNBIND");
        assertThat(ok(tasks.task(ALICE, task)).path("task_status").asString()).isEqualTo("SUCCESS_RESET");
    }

    @Test
    void theListsPageWithLimitAndOffset_oldestFirst_totalCountsAll() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(failedTask("book-list"));
        }
        JsonNode all = ok(tasks.failed(ALICE, ""));
        List<String> ids = taskIds(all);
        assertThat(ids).containsSubsequence(made);
        int total = all.path("total").asInt();
        assertThat(total).isEqualTo(ids.size());

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 2) {
            JsonNode page = ok(tasks.failed(ALICE, "limit=2&offset=" + offset));
            assertThat(page.path("total").asInt()).isEqualTo(total);
            assertThat(page.path("tasks").size()).isLessThanOrEqualTo(2);
            paged.addAll(taskIds(page));
        }
        assertThat(paged).isEqualTo(ids);
        assertThat(ok(tasks.failed(ALICE, "offset=" + total)).path("tasks").size()).isZero();
        assertInvalid(tasks.failed(ALICE, "limit=0"));
        assertInvalid(tasks.running(ALICE, "offset=-1"));
        assertInvalid(tasks.running(ALICE, "limit=1001"));
    }

    @Test
    void whatIsWrongWithARequestIsRefusedAtOnce() {
        String name = keypair("refusals");
        String x509 = TestCallers.uniqueName("x509");
        assertThat(api.create(ALICE, "\"name\": \"" + x509 + "\", \"type\": \"x509\"").status()).isEqualTo(200);

        assertThat(assertError(tasks.associate(ALICE, name, "no-such-server", ""), 404, "KPS.0002"))
                .contains("'no-such-server' does not exist");
        assertError(tasks.associate(ALICE, name, CAROLS, ""), 404, "KPS.0002");
        assertError(tasks.associate(ALICE, TestCallers.uniqueName("missing"), "book-x509", ""), 404, "KPS.4016");
        assertThat(assertInvalid(tasks.associate(ALICE, x509, "book-x509", ""))).contains("x509");
        assertThat(assertInvalid(tasks.disassociate(ALICE, "book-x509", ""))).contains("no key pair bound");
        assertError(tasks.disassociate(ALICE, "no-such-server", ""), 404, "KPS.0002");
        assertInvalid(tasks.associate(ALICE, name, "book-x509", ", \"port\": 0"));
        assertInvalid(tasks.associate(ALICE, name, "book-x509", ", \"auth\": {\"type\": \"token\", \"key\": \"x\"}"));
        assertInvalid(tasks.associate(ALICE, name, "book-x509", ", \"auth\": {\"type\": \"password\"}"));
        assertError(tasks.task(ALICE, "5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c"), 404, "KPS.0001");
        assertInvalid(tasks.task(ALICE, "not-a-task-id"));
        assertError(tasks.deleteFailed(ALICE, "5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c"), 404, "KPS.0005");
        assertThat(taskIds(ok(tasks.running(ALICE, "")))).as("nothing was started").isEmpty();
        api.delete(ALICE, x509);
    }

    @Test
    void tasksBelongToTheirProject() {
        String task = accepted(tasks.associate(ALICE, keypair("mine"), "book-replace", ""));
        assertThat(tasks.awaitEnd(ALICE, task)).isEqualTo("SUCCESS_RESET");

        assertError(tasks.task(CAROL, task), 404, "KPS.0001");
        assertThat(taskIds(ok(tasks.failed(CAROL, "")))).doesNotContain(task);
        assertError(tasks.deleteFailed(CAROL, task), 404, "KPS.0005");
    }

    @Test
    void aBatchStartsEachEntryOnItsOwn() {
        String name = keypair("batch");
        String missing = TestCallers.uniqueName("missing");

        JsonNode answer = tasksOf(tasks.batchAssociate(ALICE, List.of(
                association(name, "book-batch-1", ""),
                association(name, "no-such-server", ""),
                association(missing, "book-batch-2", ""))));

        assertThat(answer.size()).isEqualTo(3);
        assertThat(answer.get(0).path("status").asString()).isEqualTo("SUCCESS");
        assertThat(answer.get(0).path("server_id").asString()).isEqualTo("book-batch-1");
        assertThat(answer.get(1).path("status").asString()).isEqualTo("FAILED");
        assertThat(answer.get(1).path("error_code").asString()).isEqualTo("KPS.0002");
        assertThat(answer.get(1).has("task_id")).isFalse();
        assertThat(answer.get(2).path("error_code").asString()).isEqualTo("KPS.4016");
        assertThat(answer.get(2).path("error_msg").asString()).contains(missing);
        assertThat(tasks.awaitEnd(ALICE, answer.get(0).path("task_id").asString())).isEqualTo("SUCCESS_RESET");

        assertInvalid(tasks.batchAssociate(ALICE, Collections.nCopies(11, association(name, "book-batch-2", ""))));
        assertInvalid(tasks.batchAssociate(ALICE, List.of()));
    }

    private JsonNode tasksOf(KpsHttp.Result result) {
        assertThat(result.status()).as(result.body()).isEqualTo(202);
        return result.json().path("tasks");
    }

    /** A key pair for the test, imported fast. */
    private String keypair(String prefix) {
        String name = TestCallers.uniqueName(prefix);
        api.created(ALICE, NewKeypair.named(name).publicKey(KpsApi.ED25519_PUBLIC));
        return name;
    }

    /** A task on the server that failed because its key pair was deleted before it ran. */
    private String failedTask(String server) {
        String name = keypair("doomed");
        String task = accepted(tasks.associate(ALICE, name, server, ""));
        api.delete(ALICE, name);
        assertThat(tasks.awaitEnd(ALICE, task)).isEqualTo("FAILED_RESET");
        return task;
    }
}
