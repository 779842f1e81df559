package org.openkps.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.Json.str;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.TestCallers.Caller;

import tools.jackson.databind.JsonNode;

/** The association and task operations as the tests call them over raw HTTP, bodies spelled once. */
public final class AssociationApi {

    private final KpsHttp http;

    public AssociationApi(KpsHttp http) {
        this.http = http;
    }

    /** {@code "auth": {...}} members, or "" for none. */
    public static String password(String password) {
        return """
                , "auth": {"type": "password", "key": %s}""".formatted(str(password));
    }

    public static String privateKey(String pem) {
        return """
                , "auth": {"type": "keypair", "key": %s}""".formatted(str(pem));
    }

    /** The body of associateKeypair; {@code more} is extra members of {@code server}, each starting with ", ". */
    public static String association(String keypair, String server, String more) {
        return """
                {"keypair_name": %s, "server": {"id": %s%s}}""".formatted(str(keypair), str(server), more);
    }

    public Result associate(Caller caller, String keypair, String server, String more) {
        return http.post(caller, "keypairs/associate", association(keypair, server, more));
    }

    public Result batchAssociate(Caller caller, List<String> associations) {
        return http.post(caller, "keypairs/batch-associate", """
                {"batch_keypairs": [%s]}""".formatted(String.join(", ", associations)));
    }

    public Result disassociate(Caller caller, String server, String more) {
        return http.post(caller, "keypairs/disassociate", """
                {"server": {"id": %s%s}}""".formatted(str(server), more));
    }

    public Result task(Caller caller, String taskId) {
        return http.get(caller, "tasks/" + taskId);
    }

    public Result running(Caller caller, String query) {
        return http.get(caller, "running-tasks" + (query.isEmpty() ? "" : "?" + query));
    }

    public Result failed(Caller caller, String query) {
        return http.get(caller, "failed-tasks" + (query.isEmpty() ? "" : "?" + query));
    }

    public Result deleteFailed(Caller caller, String taskId) {
        return http.delete(caller, "failed-tasks/" + taskId);
    }

    public Result deleteAllFailed(Caller caller) {
        return http.delete(caller, "failed-tasks");
    }

    /** Asserts 202 with status SUCCESS; returns the task id. */
    public static String accepted(Result result) {
        assertThat(result.status()).as("status of %s", result.body()).isEqualTo(202);
        JsonNode body = result.json();
        assertThat(body.path("status").asString()).isEqualTo("SUCCESS");
        return body.path("task_id").asString();
    }

    /** Polls the task until it has ended (SUCCESS_* or FAILED_*); returns its last task_status. */
    public String awaitEnd(Caller caller, String taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Result result = task(caller, taskId);
            assertThat(result.status()).as(result.body()).isEqualTo(200);
            String status = result.json().path("task_status").asString();
            if (status.startsWith("SUCCESS_") || status.startsWith("FAILED_")) {
                return status;
            }
            assertThat(System.nanoTime()).as("task %s still %s", taskId, status).isLessThan(deadline);
            sleep(50);
        }
    }

    /** The failed-tasks entry of that task, asserting it is listed. */
    public JsonNode failedEntry(Caller caller, String taskId) {
        JsonNode answer = KpsAnswers.ok(failed(caller, ""));
        for (JsonNode task : answer.path("tasks")) {
            if (task.path("task_id").asString().equals(taskId)) {
                return task;
            }
        }
        throw new AssertionError("task " + taskId + " is not among the failed tasks: " + answer);
    }

    /** The task ids of a task list answer. */
    public static List<String> taskIds(JsonNode listAnswer) {
        return listAnswer.path("tasks").valueStream().map(t -> t.path("task_id").asString()).collect(Collectors.toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
