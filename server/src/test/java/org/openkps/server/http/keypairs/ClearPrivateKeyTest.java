package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.KMS_BY_ID;
import static org.openkps.server.support.TestCallers.ALICE;

import org.junit.jupiter.api.Test;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/** clearPrivateKey: the hosted private key goes, the key pair stays; clearing again is harmless. */
@KpsServerTest
class ClearPrivateKeyTest extends KpsApiTest {

    private final String name = TestCallers.uniqueName("clear");

    private void cleared() {
        Result answer = api.clearPrivateKey(ALICE, name);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.bytes()).isEmpty();
    }

    @Test
    void removesTheHostedKeyAndKeepsTheKeypair() {
        JsonNode created = api.generateHosted(ALICE, name, KMS_BY_ID);

        cleared();

        assertError(api.exportPrivateKey(ALICE, name), 400, "KPS.6005");
        JsonNode detail = api.detail(ALICE, name);
        assertThat(detail.path("is_key_protection").asBoolean()).isFalse();
        assertThat(detail.has("key_id")).as(detail.toString()).isFalse();
        assertThat(detail.path("fingerprint").asString()).isEqualTo(created.path("fingerprint").asString());
        assertThat(detail.path("public_key").asString()).isEqualTo(created.path("public_key").asString());
    }

    @Test
    void clearingAgainSucceeds() {
        api.generateHosted(ALICE, name, KMS_BY_ID);
        cleared();

        cleared();

        assertThat(api.detail(ALICE, name).path("is_key_protection").asBoolean()).isFalse();
    }

    @Test
    void clearingAKeypairThatNeverHostedAKeySucceeds() {
        api.generate(ALICE, name);

        cleared();
    }

    @Test
    void theKeyCanBeHostedAgainAfterwards() {
        String privateKey = api.generateHosted(ALICE, name, KMS_BY_ID).path("private_key").asString();
        cleared();

        ok(api.importPrivateKey(ALICE, name, privateKey, DEFAULT));

        assertThat(api.exported(ALICE, name)).isEqualTo(privateKey);
    }

    @Test
    void aMissingKeypairIs404() {
        assertNotFound(api.clearPrivateKey(ALICE, name), name);
    }
}
