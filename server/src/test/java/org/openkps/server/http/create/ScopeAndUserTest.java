package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertKpsException;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsAnswers.okKeypair;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.BOB;
import static org.openkps.server.support.TestCallers.PROJECT;

import org.junit.jupiter.api.Test;
import org.openkps.client.invoker.ApiException;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.KeypairDetail;
import org.openkps.client.model.KeypairScope;
import org.openkps.server.support.Json;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.SshBlobs;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/** Who sees a created key pair: the project for scope domain, its user for scope user. */
@KpsServerTest
class ScopeAndUserTest extends KpsApiTest {

    @Test
    void domainScopedKeyPairIsVisibleToEveryUserOfTheProject() throws ApiException {
        String name = TestCallers.uniqueName("scope-domain");
        createAsAlice(new CreateKeypairAction().name(name).scope(KeypairScope.DOMAIN)
                .publicKey(SshBlobs.ed25519Line()));

        KeypairDetail seenByBob = api.client(BOB).keypairs().showKeypair(PROJECT, name).getKeypair();

        assertThat(seenByBob.getScope()).isEqualTo(KeypairScope.DOMAIN);
        assertThat(seenByBob.getUserId()).isEqualTo(ALICE.userId());
        assertThat(api.http().get(BOB, "keypairs?limit=1000").body()).contains("\"" + name + "\"");
    }

    @Test
    void userScopedKeyPairIsHiddenFromTheOtherUsersOfTheProject() throws ApiException {
        String name = TestCallers.uniqueName("scope-user");
        createAsAlice(new CreateKeypairAction().name(name).publicKey(SshBlobs.ed25519Line()));

        assertThat(okKeypair(api.show(ALICE, name)).path("scope").asString()).isEqualTo("user");
        assertNotFound(api.show(BOB, name), name);
        assertKpsException(() -> api.client(BOB).keypairs().showKeypair(PROJECT, name), 404, "KPS.4016");
        assertThat(api.http().get(BOB, "keypairs?limit=1000").body()).doesNotContain("\"" + name + "\"");
    }

    @Test
    void explicitUserIdMakesTheKeyPairThatUsers() throws ApiException {
        String name = TestCallers.uniqueName("for-bob");

        JsonNode created = okKeypair(api.create(ALICE, """
                "name": %s, "user_id": %s""".formatted(Json.str(name), Json.str(BOB.userId()))));

        assertThat(created.path("user_id").asString()).isEqualTo(BOB.userId());
        KeypairDetail seenByBob = api.client(BOB).keypairs().showKeypair(PROJECT, name).getKeypair();
        assertThat(seenByBob.getUserId()).isEqualTo(BOB.userId());
        assertThat(seenByBob.getScope()).isEqualTo(KeypairScope.USER);
    }

    @Test
    void onlyAnAdministratorMayNameAnotherUserAndARefusalStoresNothing() {
        String name = TestCallers.uniqueName("for-alice");

        assertThat(assertError(api.create(BOB, """
                "name": %s, "user_id": %s""".formatted(Json.str(name), Json.str(ALICE.userId()))), 403, "KPS.9003"))
                .contains("administrator");
        assertNotFound(api.show(ALICE, name), name);
        assertNotFound(api.show(BOB, name), name);
        assertThat(okKeypair(api.create(BOB, """
                "name": %s, "user_id": %s""".formatted(Json.str(name), Json.str(BOB.userId())))).path("user_id")
                .asString()).isEqualTo(BOB.userId());
    }

    private void createAsAlice(CreateKeypairAction keypair) throws ApiException {
        api.client(ALICE).keypairs().createKeypair(PROJECT, new CreateKeypairRequest().keypair(keypair));
    }
}
