package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.openkps.server.http.create.KpsAnswers.assertError;
import static org.openkps.server.http.create.KpsAnswers.assertOk;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.BOB;
import static org.openkps.server.support.TestCallers.PROJECT;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkps.client.KpsException;
import org.openkps.client.invoker.ApiException;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.KeypairDetail;
import org.openkps.client.model.KeypairScope;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Who sees a created key pair: the project for scope domain, its user for scope user. */
@KpsServerTest
class ScopeAndUserTest {

    @LocalServerPort
    int port;

    private KeypairCalls calls;

    @BeforeEach
    void setUp() {
        calls = new KeypairCalls(port);
    }

    @Test
    void domainScopedKeyPairIsVisibleToEveryUserOfTheProject() throws ApiException {
        String name = TestCallers.uniqueName("scope-domain");
        createAsAlice(new CreateKeypairAction().name(name).scope(KeypairScope.DOMAIN)
                .publicKey(SshBlobs.ed25519Line()));

        KeypairDetail seenByBob = calls.client(BOB).keypairs().showKeypair(PROJECT, name).getKeypair();

        assertThat(seenByBob.getScope()).isEqualTo(KeypairScope.DOMAIN);
        assertThat(seenByBob.getUserId()).isEqualTo(ALICE.userId());
        assertThat(calls.http().get(BOB, "keypairs?limit=1000").body()).contains("\"" + name + "\"");
    }

    @Test
    void userScopedKeyPairIsHiddenFromTheOtherUsersOfTheProject() throws ApiException {
        String name = TestCallers.uniqueName("scope-user");
        createAsAlice(new CreateKeypairAction().name(name).publicKey(SshBlobs.ed25519Line()));

        assertThat(assertOk(calls.show(ALICE, name)).path("scope").asString()).isEqualTo("user");
        assertThat(assertError(calls.show(BOB, name), 404, "KPS.4016")).contains(name);
        Throwable thrown = catchThrowable(() -> calls.client(BOB).keypairs().showKeypair(PROJECT, name));
        assertThat(thrown).isInstanceOf(KpsException.class);
        assertThat(((KpsException) thrown).getErrorCode()).isEqualTo("KPS.4016");
        assertThat(calls.http().get(BOB, "keypairs?limit=1000").body()).doesNotContain("\"" + name + "\"");
    }

    @Test
    void explicitUserIdMakesTheKeyPairThatUsers() throws ApiException {
        String name = TestCallers.uniqueName("for-bob");

        JsonNode created = assertOk(calls.create(ALICE, """
                "name": %s, "user_id": %s""".formatted(Json.str(name), Json.str(BOB.userId()))));

        assertThat(created.path("user_id").asString()).isEqualTo(BOB.userId());
        KeypairDetail seenByBob = calls.client(BOB).keypairs().showKeypair(PROJECT, name).getKeypair();
        assertThat(seenByBob.getUserId()).isEqualTo(BOB.userId());
        assertThat(seenByBob.getScope()).isEqualTo(KeypairScope.USER);
    }

    private void createAsAlice(CreateKeypairAction keypair) throws ApiException {
        calls.client(ALICE).keypairs().createKeypair(PROJECT, new CreateKeypairRequest().keypair(keypair));
    }
}
