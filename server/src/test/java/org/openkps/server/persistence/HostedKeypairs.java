package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.http.create.KpsAnswers.assertInvalid;
import static org.openkps.server.http.create.KpsAnswers.assertOk;
import static org.openkps.server.support.TestCallers.ALICE;

import org.openkps.server.http.create.Json;
import org.openkps.server.http.create.SshBlobs;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/** Key pairs with a hosted private key, made on one server and looked for on another. */
final class HostedKeypairs {

    static final String DEFAULT = """
            {"type": "default"}""";
    static final String KMS = """
            {"type": "kms", "kms_key_name": "%s"}""".formatted(TestCallers.KMS_KEY_NAME);

    /** What the server said when it created a key pair. */
    record Hosted(String name, String fingerprint, String publicKey, String privateKey) {
    }

    private HostedKeypairs() {
    }

    /** createKeypair with a generated, hosted private key; the answer must be 200. */
    static Hosted create(KpsHttp http, String name, String encryption) {
        JsonNode created = assertOk(http.post(ALICE, "keypairs", Json.keypair("""
                "name": %s, "key_protection": {"encryption": %s}""".formatted(Json.str(name), encryption))));
        return new Hosted(name, created.path("fingerprint").asString(), created.path("public_key").asString(),
                created.path("private_key").asString());
    }

    static KpsHttp.Result export(KpsHttp http, String name) {
        return http.post(ALICE, "keypairs/private-key/export", Json.keypair("\"name\": " + Json.str(name)));
    }

    /** The key pair is there as created: same fingerprint, hosted key exported byte for byte, name taken. */
    static void assertIntact(KpsHttp http, Hosted hosted) {
        JsonNode shown = assertOk(http.get(ALICE, "keypairs/" + hosted.name()));
        assertThat(shown.path("fingerprint").asString()).as("fingerprint of %s", hosted.name())
                .isEqualTo(hosted.fingerprint());
        assertThat(shown.path("public_key").asString()).isEqualTo(hosted.publicKey());
        assertThat(shown.path("is_key_protection").asBoolean()).isTrue();
        assertThat(assertOk(export(http, hosted.name())).path("private_key").asString())
                .as("exported private key of %s", hosted.name()).isEqualTo(hosted.privateKey());
        assertThat(assertInvalid(http.post(ALICE, "keypairs", Json.keypair("""
                "name": %s, "public_key": %s""".formatted(Json.str(hosted.name()), Json.str(SshBlobs.ed25519Line()))))))
                .as("a second key pair named %s", hosted.name()).contains("already");
    }
}
