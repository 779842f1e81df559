package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.KMS_BY_ID;
import static org.openkps.server.support.KpsApi.KMS_BY_NAME;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.BOB;
import static org.openkps.server.support.TestCallers.KMS_KEY_ID;
import static org.openkps.server.support.TestCallers.KMS_KEY_NAME;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.support.Json;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KeyTools.SshKey;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/** importPrivateKey: hosts (or re-hosts) the private key of a key pair under the given protection. */
@KpsServerTest
class ImportPrivateKeyTest extends KpsApiTest {

    private final String name = TestCallers.uniqueName("import-pk");

    /** Imports, asserts 200 and a well-formed answer that never carries the private key; returns its encryption. */
    private JsonNode hosted(String privateKey, String encryption) {
        Result answer = api.importPrivateKey(ALICE, name, privateKey, encryption);
        JsonNode keypair = ok(answer).path("keypair");
        assertThat(keypair.path("name").asString()).isEqualTo(name);
        assertThat(keypair.path("user_id").asString()).isEqualTo(ALICE.userId());
        assertThat(keypair.path("key_protection").propertyNames()).containsExactly("encryption");
        assertThat(answer.body()).doesNotContain("PRIVATE KEY", "private_key",
                privateKey.lines().skip(1).findFirst().orElseThrow());
        return keypair.path("key_protection").path("encryption");
    }

    private static void assertKms(JsonNode encryption) {
        assertThat(encryption.path("type").asString()).isEqualTo("kms");
        assertThat(encryption.path("kms_key_id").asString()).isEqualTo(KMS_KEY_ID);
        assertThat(encryption.path("kms_key_name").asString()).isEqualTo(KMS_KEY_NAME);
    }

    @Test
    void reEncryptsUnderTheGivenProtection() {
        String privateKey = api.generate(ALICE, name).path("private_key").asString();

        JsonNode byDefault = hosted(privateKey, DEFAULT);
        assertThat(byDefault.propertyNames()).containsExactly("type");
        assertThat(byDefault.path("type").asString()).isEqualTo("default");
        JsonNode detail = api.detail(ALICE, name);
        assertThat(detail.path("is_key_protection").asBoolean()).isTrue();
        assertThat(detail.has("key_id")).as(detail.toString()).isFalse();
        assertThat(api.exported(ALICE, name)).isEqualTo(privateKey);

        assertKms(hosted(privateKey, KMS_BY_NAME));
        assertThat(api.detail(ALICE, name).path("key_id").asString()).isEqualTo(KMS_KEY_ID);
        assertThat(api.exported(ALICE, name)).isEqualTo(privateKey);

        assertKms(hosted(privateKey, KMS_BY_ID));
        hosted(privateKey, DEFAULT);
        assertThat(api.detail(ALICE, name).has("key_id")).isFalse();
        assertThat(api.exported(ALICE, name)).isEqualTo(privateKey);
    }

    @Test
    void hostsAnOpenSshPrivateKeyOfAnImportedKeypairByteForByte() {
        SshKey key = KeyTools.ed25519();
        api.created(ALICE, NewKeypair.named(name).publicKey(key.publicLine()));
        assertThat(api.detail(ALICE, name).path("is_key_protection").asBoolean()).isFalse();

        hosted(key.privateKey(), KMS_BY_ID);

        assertThat(key.privateKey()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(api.exported(ALICE, name)).isEqualTo(key.privateKey());
        assertThat(api.detail(ALICE, name).path("is_key_protection").asBoolean()).isTrue();
    }

    @Test
    void aPrivateKeyOfAnotherPublicKeyIsRefusedAndTheHostedOneStays() {
        SshKey key = KeyTools.ed25519();
        api.created(ALICE, NewKeypair.named(name).imported(key, DEFAULT));
        String other = KeyTools.fresh("ed25519", 0, null).privateKey();

        Result answer = api.importPrivateKey(ALICE, name, other, KMS_BY_ID);

        assertError(answer, 400, "KPS.6011");
        assertThat(answer.errorMsg()).contains(name);
        assertThat(api.exported(ALICE, name)).isEqualTo(key.privateKey());
        assertThat(api.detail(ALICE, name).has("key_id")).isFalse();
    }

    @Test
    void aPrivateKeyOfAnotherAlgorithmDoesNotMatchEither() {
        api.created(ALICE, NewKeypair.named(name).publicKey(KeyTools.ed25519().publicLine()));

        assertError(api.importPrivateKey(ALICE, name, KeyTools.ecdsa384().privateKey(), DEFAULT), 400, "KPS.6011");
        assertThat(api.detail(ALICE, name).path("is_key_protection").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a key", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"})
    void anUnreadablePrivateKeyIsRefused(String privateKey) {
        api.generate(ALICE, name);

        Result answer = api.importPrivateKey(ALICE, name, privateKey, DEFAULT);

        assertError(answer, 400, "KPS.0002");
        assertThat(answer.errorMsg()).contains("private_key");
        assertThat(api.detail(ALICE, name).path("is_key_protection").asBoolean()).isFalse();
    }

    @Test
    void anUnknownKmsKeyIsRefused() {
        String privateKey = api.generate(ALICE, name).path("private_key").asString();

        Result byName = api.importPrivateKey(ALICE, name, privateKey, """
                {"type": "kms", "kms_key_name": "no/such"}""");
        Result none = api.importPrivateKey(ALICE, name, privateKey, """
                {"type": "kms"}""");

        assertError(byName, 400, "KPS.0002");
        assertThat(byName.errorMsg()).contains("no/such");
        assertError(none, 400, "KPS.0002");
        assertThat(api.detail(ALICE, name).path("is_key_protection").asBoolean()).isFalse();
    }

    @Test
    void theUserIdMustBeTheKeypairsUser() {
        String privateKey = api.generate(ALICE, name).path("private_key").asString();
        String body = """
                {"keypair": {"name": "%s", "user_id": "%s",
                 "key_protection": {"private_key": %s, "encryption": {"type": "default"}}}}""";

        Result asBob = api.http().post(ALICE, "keypairs/private-key/import",
                body.formatted(name, BOB.userId(), Json.str(privateKey)));
        Result asAlice = api.http().post(ALICE, "keypairs/private-key/import",
                body.formatted(name, ALICE.userId(), Json.str(privateKey)));

        assertNotFound(asBob, name);
        assertThat(ok(asAlice).path("keypair").path("user_id").asString()).isEqualTo(ALICE.userId());
    }

    @Test
    void aMissingKeypairIs404() {
        String privateKey = KeyTools.ed25519().privateKey();

        assertNotFound(api.importPrivateKey(ALICE, name, privateKey, DEFAULT), name);
    }
}
