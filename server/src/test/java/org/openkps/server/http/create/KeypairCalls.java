package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;

import org.openkps.client.KpsClient;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.TestCallers.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The few calls these tests make again and again, raw (for exact answers) or through the generated client. */
final class KeypairCalls {

    private final KpsHttp http;

    KeypairCalls(int port) {
        this.http = new KpsHttp(port);
    }

    KpsHttp http() {
        return http;
    }

    /** The generated client for the caller, against the server under test. */
    KpsClient client(Caller caller) {
        return KpsClient.withToken(http.base(), caller.token());
    }

    /** createKeypair with {@code {"keypair": {members}}}. */
    KpsHttp.Result create(Caller caller, String members) {
        return http.post(caller, "keypairs", Json.keypair(members));
    }

    KpsHttp.Result show(Caller caller, String name) {
        return http.get(caller, "keypairs/" + name);
    }

    KpsHttp.Result export(Caller caller, String name) {
        return http.post(caller, "keypairs/private-key/export", Json.keypair("\"name\": " + Json.str(name)));
    }

    /** Rows of that name in the project, straight from the database. */
    static long rowsNamed(JdbcClient jdbc, String projectId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM keypair WHERE project_id = :project AND name = :name")
                .param("project", projectId)
                .param("name", name)
                .query(Long.class)
                .single();
    }

    /** A failed request stored nothing: the name is unknown to the API and absent from the database. */
    void assertNameFree(JdbcClient jdbc, Caller caller, String name) {
        KpsAnswers.assertError(show(caller, name), 404, "KPS.4016");
        assertThat(rowsNamed(jdbc, caller.projectId(), name)).as("rows named %s", name).isZero();
    }
}
