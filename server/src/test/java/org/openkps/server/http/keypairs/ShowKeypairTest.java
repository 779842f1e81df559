package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.KMS_BY_ID;
import static org.openkps.server.support.KpsApi.KMS_BY_NAME;
import static org.openkps.server.support.KpsApi.names;
import static org.openkps.server.support.TestCallers.ALICE;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KeyTools.SshKey;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/** showKeypair: every field of the KPS detail, with the values the key pair really has. */
@KpsServerTest
class ShowKeypairTest extends KpsApiTest {

    private final String name = TestCallers.uniqueName("show");

    @Test
    void aCreatedKeypairHostedWithKmsShowsEveryDetail() {
        long before = System.currentTimeMillis();
        JsonNode created = api.generateHosted(ALICE, name, KMS_BY_NAME);
        long after = System.currentTimeMillis();

        JsonNode detail = api.detail(ALICE, name);

        assertThat(detail.path("name").asString()).isEqualTo(name);
        assertThat(detail.path("id").isIntegralNumber()).as("id is a number: %s", detail).isTrue();
        assertThat(detail.path("id").asLong()).isPositive();
        assertThat(detail.path("type").asString()).isEqualTo("ssh");
        assertThat(detail.path("scope").asString()).isEqualTo("user");
        assertThat(detail.path("public_key").asString()).isEqualTo(created.path("public_key").asString());
        assertThat(detail.path("fingerprint").asString()).isEqualTo(created.path("fingerprint").asString());
        assertThat(detail.path("is_key_protection").asBoolean()).isTrue();
        assertThat(detail.path("deleted").isBoolean()).isTrue();
        assertThat(detail.path("deleted").asBoolean()).isFalse();
        assertThat(detail.path("description").asString()).isEmpty();
        assertThat(detail.path("user_id").asString()).isEqualTo(ALICE.userId());
        assertThat(detail.path("create_time").asLong()).isBetween(before, after);
        assertThat(detail.path("update_time").asLong()).isEqualTo(detail.path("create_time").asLong());
        assertThat(detail.path("delete_time").isMissingNode() || detail.path("delete_time").isNull())
                .as("no delete_time: %s", detail).isTrue();
        assertThat(detail.path("frozen_state").isIntegralNumber()).isTrue();
        assertThat(detail.path("frozen_state").asInt()).isZero();
        assertThat(detail.path("key_id").asString()).isEqualTo(TestCallers.KMS_KEY_ID);
        assertThat(detail.path("algorithm").asString()).isEqualTo("RSA2048");
    }

    @Test
    void aKeypairWithoutHostedKeyShowsNoProtectionAndNoKmsKey() {
        api.generate(ALICE, name);

        JsonNode detail = api.detail(ALICE, name);

        assertThat(detail.path("is_key_protection").asBoolean()).isFalse();
        assertThat(detail.has("key_id")).as(detail.toString()).isFalse();
        assertThat(detail.path("algorithm").asString()).isEqualTo("RSA2048");
    }

    @Test
    void aKeyHostedWithDefaultProtectionShowsProtectionButNoKmsKey() {
        api.generateHosted(ALICE, name, DEFAULT);

        JsonNode detail = api.detail(ALICE, name);

        assertThat(detail.path("is_key_protection").asBoolean()).isTrue();
        assertThat(detail.has("key_id")).as(detail.toString()).isFalse();
    }

    @Test
    void aDomainKeypairShowsItsScope() {
        api.created(ALICE, NewKeypair.named(name).scope("domain"));

        assertThat(api.detail(ALICE, name).path("scope").asString()).isEqualTo("domain");
    }

    static Stream<Arguments> importedKeys() {
        return Stream.of(
                Arguments.of("ED25519", (Supplier<SshKey>) KeyTools::ed25519),
                Arguments.of("ECDSA384", (Supplier<SshKey>) KeyTools::ecdsa384),
                Arguments.of("RSA4096", (Supplier<SshKey>) KeyTools::rsa4096));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("importedKeys")
    void anImportedKeyShowsItsAlgorithmAndTheFingerprintOfSshKeygen(String algorithm, Supplier<SshKey> keys) {
        SshKey key = keys.get();
        long before = System.currentTimeMillis();
        api.created(ALICE, NewKeypair.named(name).imported(key, KMS_BY_ID));

        JsonNode detail = api.detail(ALICE, name);

        assertThat(detail.path("algorithm").asString()).isEqualTo(algorithm);
        assertThat(detail.path("fingerprint").asString()).isEqualTo(key.md5Fingerprint());
        assertThat(detail.path("public_key").asString()).startsWith(key.typeAndBase64());
        assertThat(detail.path("is_key_protection").asBoolean()).isTrue();
        assertThat(detail.path("key_id").asString()).isEqualTo(TestCallers.KMS_KEY_ID);
        assertThat(detail.path("create_time").asLong()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void theDetailAgreesWithTheListing() {
        String first = name + "-0";
        String second = name + "-1";
        api.generate(ALICE, first);
        api.generateHosted(ALICE, second, DEFAULT);

        JsonNode page = ok(api.list(ALICE, "limit=1&marker=" + first));
        JsonNode listed = page.path("keypairs").path(0).path("keypair");
        JsonNode detail = api.detail(ALICE, second);

        assertThat(names(page)).containsExactly(second);
        for (String field : List.of("name", "type", "scope", "public_key", "fingerprint", "is_key_protection")) {
            assertThat(listed.path(field)).as(field).isEqualTo(detail.path(field));
        }
        // The list answers frozen_state as a string (as the official SDKs read it), the detail as a number.
        assertThat(listed.path("frozen_state").asString()).isEqualTo(detail.path("frozen_state").asString());
    }

    @Test
    void aMissingKeypairIs404() {
        assertNotFound(api.show(ALICE, name), name);
    }
}
