package org.openkps.server.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.BOB;
import static org.openkps.server.support.TestCallers.CAROL;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openkps.server.support.AdminApi;
import org.openkps.server.support.AssociationApi;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;
import org.openkps.server.support.TestCallers.Caller;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * POST /_openkps/reset empties the store: key pairs, hosted private keys, remembered list markers and
 * association tasks and bindings, of every project or of the one named, and nothing of the others.
 */
@KpsServerTest
class ResetTest extends KpsApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aProjectResetRemovesEverythingOfThatProjectAndNothingElse() {
        Stored alices = storeSomething(ALICE, "reset-a");
        Stored bobs = storeSomething(BOB, "reset-b");
        Stored carols = storeSomething(CAROL, "reset-c");

        assertThat(admin().reset(ALICE.projectId()).status()).isEqualTo(204);

        assertGone(ALICE, alices);
        assertGone(BOB, bobs);
        assertThat(rows("SELECT COUNT(*) FROM keypair WHERE project_id = '" + ALICE.projectId() + "'")).isZero();
        assertThat(rows("SELECT COUNT(*) FROM deleted_keypair_name WHERE project_id = '" + ALICE.projectId() + "'")).isZero();
        assertKept(CAROL, carols);
    }

    @Test
    void aResetWithoutProjectEmptiesTheWholeStore() {
        Stored alices = storeSomething(ALICE, "reset-all-a");
        Stored carols = storeSomething(CAROL, "reset-all-c");

        assertThat(admin().reset().status()).isEqualTo(204);

        assertGone(ALICE, alices);
        assertGone(CAROL, carols);
        for (String table : List.of("keypair", "hosted_private_key", "deleted_keypair_name")) {
            assertThat(rows("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
    }

    @Test
    void theStoreWorksAsBeforeAfterAReset() {
        String name = TestCallers.uniqueName("reset-again");
        api.generate(ALICE, name);
        assertThat(admin().reset(ALICE.projectId()).status()).isEqualTo(204);

        assertThat(api.generate(ALICE, name).path("name").asString()).isEqualTo(name);
        assertThat(KpsApi.names(ok(api.list(ALICE, "")))).containsExactly(name);
    }

    @Test
    void aProjectResetRemovesItsAssociationTasksAndBindings() {
        AssociationApi tasks = new AssociationApi(api.http());
        // The test server is shared: another class may have left a key pair bound to this server.
        assertThat(admin().reset(ALICE.projectId()).status()).isEqualTo(204);
        String name = TestCallers.uniqueName("reset-bound");
        api.generate(ALICE, name);
        String task = AssociationApi.accepted(tasks.associate(ALICE, name, "book-wired", ""));
        assertThat(tasks.awaitEnd(ALICE, task)).isEqualTo("SUCCESS_RESET");
        assertThat(rows("SELECT COUNT(*) FROM server_binding WHERE server_id = 'book-wired'")).isEqualTo(1);

        assertThat(admin().reset(ALICE.projectId()).status()).isEqualTo(204);

        assertError(tasks.task(ALICE, task), 404, "KPS.0001");
        assertThat(rows("SELECT COUNT(*) FROM association_task WHERE project_id = '" + ALICE.projectId() + "'")).isZero();
        assertThat(rows("SELECT COUNT(*) FROM server_binding WHERE server_id = 'book-wired'")).isZero();
    }

    @Test
    void anInvalidProjectIdIs400() {
        assertInvalid(admin().reset("not%20a%20project"));
    }

    /** A hosted key pair, a plain one, and the marker of a deleted one. */
    private Stored storeSomething(Caller caller, String prefix) {
        String hosted = TestCallers.uniqueName(prefix + "-hosted");
        String plain = TestCallers.uniqueName(prefix + "-plain");
        String deleted = TestCallers.uniqueName(prefix + "-deleted");
        api.generateHosted(caller, hosted, DEFAULT);
        api.generate(caller, plain);
        api.generate(caller, deleted);
        assertThat(api.delete(caller, deleted).status()).isEqualTo(204);
        assertThat(api.list(caller, "marker=" + deleted).status()).as("a deleted key pair's marker").isEqualTo(200);
        return new Stored(hosted, plain, deleted);
    }

    private void assertGone(Caller caller, Stored stored) {
        assertThat(KpsApi.names(ok(api.list(caller, "")))).doesNotContain(stored.hosted(), stored.plain());
        api.assertNameFree(jdbc, caller, stored.hosted());
        api.assertNameFree(jdbc, caller, stored.plain());
        assertInvalid(api.list(caller, "marker=" + stored.deleted()));
        assertThat(rows("SELECT COUNT(*) FROM hosted_private_key h JOIN keypair k ON k.id = h.keypair_id WHERE k.name = '"
                + stored.hosted() + "'")).isZero();
    }

    private void assertKept(Caller caller, Stored stored) {
        assertThat(KpsApi.names(ok(api.list(caller, "")))).contains(stored.hosted(), stored.plain());
        assertThat(api.exported(caller, stored.hosted())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(api.list(caller, "marker=" + stored.deleted()).status()).isEqualTo(200);
    }

    private long rows(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private AdminApi admin() {
        return new AdminApi(api.http(), AdminApi.TEST_TOKEN);
    }

    private record Stored(String hosted, String plain, String deleted) {
    }
}
