package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsApi.ED25519_PUBLIC;
import static org.openkps.server.support.KpsApi.KMS_BY_NAME;
import static org.openkps.server.support.TestCallers.ALICE;

import org.junit.jupiter.api.Test;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/** deleteKeypair: 204, the hosted private key goes with the key pair, and the name is free again. */
@KpsServerTest
class DeleteKeypairTest extends KpsApiTest {

    private final String name = TestCallers.uniqueName("delete");

    private void deleted() {
        Result answer = api.delete(ALICE, name);
        assertThat(answer.status()).as(answer.body()).isEqualTo(204);
        assertThat(answer.bytes()).isEmpty();
    }

    @Test
    void aDeletedKeypairIsGoneFromShowAndList() {
        api.generate(ALICE, name);

        deleted();

        assertNotFound(api.show(ALICE, name), name);
        assertThat(api.listAll(ALICE, 1000)).doesNotContain(name);
    }

    @Test
    void theHostedPrivateKeyGoesWithTheKeypair() {
        api.generateHosted(ALICE, name, KMS_BY_NAME);

        deleted();
        JsonNode again = api.created(ALICE, NewKeypair.named(name).publicKey(ED25519_PUBLIC));

        assertThat(again.path("name").asString()).isEqualTo(name);
        JsonNode detail = api.detail(ALICE, name);
        assertThat(detail.path("is_key_protection").asBoolean()).isFalse();
        assertThat(detail.has("key_id")).as(detail.toString()).isFalse();
        assertThat(detail.path("algorithm").asString()).isEqualTo("ED25519");
        assertError(api.exportPrivateKey(ALICE, name), 400, "KPS.6005");
    }

    @Test
    void theNameIsFreeAgainForAnyScope() {
        api.generate(ALICE, name);
        deleted();

        api.created(ALICE, NewKeypair.named(name).scope("domain"));

        assertThat(api.detail(ALICE, name).path("scope").asString()).isEqualTo("domain");
    }

    @Test
    void deletingTwiceIs404() {
        api.generate(ALICE, name);
        deleted();

        assertNotFound(api.delete(ALICE, name), name);
    }

    @Test
    void deletingAKeypairThatNeverExistedIs404() {
        assertNotFound(api.delete(ALICE, name), name);
    }
}
