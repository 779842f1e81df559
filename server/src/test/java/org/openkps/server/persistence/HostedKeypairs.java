package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.TestCallers.ALICE;

import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.SshBlobs;

import tools.jackson.databind.JsonNode;

/** Key pairs with a hosted private key, made on one server and looked for on another. */
final class HostedKeypairs {

    /** What the server said when it created a key pair. */
    record Hosted(String name, String fingerprint, String publicKey, String privateKey) {
    }

    private HostedKeypairs() {
    }

    /** createKeypair with a generated, hosted private key; the answer must be 200. */
    static Hosted create(KpsApi api, String name, String encryption) {
        JsonNode created = api.generateHosted(ALICE, name, encryption);
        return new Hosted(name, created.path("fingerprint").asString(), created.path("public_key").asString(),
                created.path("private_key").asString());
    }

    /** The key pair is there as created: same fingerprint, hosted key exported byte for byte, name taken. */
    static void assertIntact(KpsApi api, Hosted hosted) {
        JsonNode shown = api.detail(ALICE, hosted.name());
        assertThat(shown.path("fingerprint").asString()).as("fingerprint of %s", hosted.name())
                .isEqualTo(hosted.fingerprint());
        assertThat(shown.path("public_key").asString()).isEqualTo(hosted.publicKey());
        assertThat(shown.path("is_key_protection").asBoolean()).isTrue();
        assertThat(api.exported(ALICE, hosted.name())).as("exported private key of %s", hosted.name())
                .isEqualTo(hosted.privateKey());
        assertThat(assertInvalid(api.create(ALICE, NewKeypair.named(hosted.name()).publicKey(SshBlobs.ed25519Line()))))
                .as("a second key pair named %s", hosted.name()).contains("already");
    }
}
