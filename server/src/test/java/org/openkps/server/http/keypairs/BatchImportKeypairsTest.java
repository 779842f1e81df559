package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.ED25519_PUBLIC;
import static org.openkps.server.support.TestCallers.ALICE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KeyTools.SshKey;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/** batchImportKeypairs: up to 10 entries, each stored whole or not at all, and the answer says which and why. */
@KpsServerTest
class BatchImportKeypairsTest extends KpsApiTest {

    private static final String UNKNOWN_KMS_KEY_ID = "00000000-0000-4000-8000-000000000000";
    private static final String UNKNOWN_KMS_KEY = """
            {"type": "kms", "kms_key_id": "%s"}""".formatted(UNKNOWN_KMS_KEY_ID);

    private final String prefix = TestCallers.uniqueName("batch") + "-";

    private static List<String> succeededNames(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.path("succeeded_keypairs").forEach(e -> names.add(e.path("keypair").path("name").asString()));
        return names;
    }

    /** name -> failed_reason, in answer order. */
    private static List<Map.Entry<String, String>> failures(JsonNode answer) {
        List<Map.Entry<String, String>> failed = new ArrayList<>();
        answer.path("failed_keypairs").forEach(f ->
                failed.add(Map.entry(f.path("keypair_name").asString(), f.path("failed_reason").asString())));
        return failed;
    }

    @Test
    void eachEntrySucceedsOrFailsOnItsOwnAndTheAnswerSaysWhy() {
        String taken = prefix + "taken";
        JsonNode existing = api.generate(ALICE, taken);
        SshKey mine = KeyTools.ed25519();
        SshKey other = KeyTools.fresh("ed25519", 0, null);
        List<NewKeypair> entries = List.of(
                NewKeypair.named(prefix + "a-imported").publicKey(mine.publicLine()),
                NewKeypair.named(taken).publicKey(mine.publicLine()),
                NewKeypair.named(prefix + "b-bad-key").publicKey("ssh-ed25519 not-base64!"),
                NewKeypair.named(prefix + "c-created").hosted(DEFAULT),
                NewKeypair.named(prefix + "d-unknown-kms").hosted(UNKNOWN_KMS_KEY),
                NewKeypair.named(prefix + "e-mismatch").imported(mine.publicLine(), other.privateKey(), DEFAULT),
                NewKeypair.named(prefix + "a-imported").publicKey(ED25519_PUBLIC),
                NewKeypair.named(prefix + "0-hosted-import").imported(mine, DEFAULT));

        JsonNode answer = ok(api.batchImport(ALICE, entries));

        assertThat(succeededNames(answer))
                .containsExactly(prefix + "a-imported", prefix + "c-created", prefix + "0-hosted-import");
        List<Map.Entry<String, String>> failed = failures(answer);
        assertThat(failed).extracting(Map.Entry::getKey).containsExactly(
                taken, prefix + "b-bad-key", prefix + "d-unknown-kms", prefix + "e-mismatch", prefix + "a-imported");
        assertThat(failed.get(0).getValue()).startsWith("KPS.0002: ").contains(taken, "already used");
        assertThat(failed.get(1).getValue()).startsWith("KPS.0002: ").contains("public_key");
        assertThat(failed.get(2).getValue()).startsWith("KPS.0002: ").contains(UNKNOWN_KMS_KEY_ID);
        assertThat(failed.get(3).getValue()).startsWith("KPS.6011: ");
        assertThat(failed.get(4).getValue()).startsWith("KPS.0002: ").contains("already used");
        assertThat(answer.toString()).doesNotContain(other.privateKey().lines().skip(1).findFirst().orElseThrow());

        // nothing of a failed entry is stored, and the entry that lost its name changed nothing
        for (String name : List.of(prefix + "b-bad-key", prefix + "d-unknown-kms", prefix + "e-mismatch")) {
            assertNotFound(api.show(ALICE, name), name);
        }
        assertThat(api.listAll(ALICE, 1000)).filteredOn(n -> n.startsWith(prefix)).containsExactly(
                prefix + "0-hosted-import", prefix + "a-imported", prefix + "c-created", taken);
        assertThat(api.detail(ALICE, taken).path("fingerprint").asString())
                .isEqualTo(existing.path("fingerprint").asString());
        assertThat(api.detail(ALICE, prefix + "a-imported").path("fingerprint").asString())
                .isEqualTo(mine.md5Fingerprint());
    }

    @Test
    void succeededEntriesAnswerAsCreateKeypairDoes() {
        SshKey key = KeyTools.ecdsa384();
        JsonNode answer = ok(api.batchImport(ALICE, List.of(
                NewKeypair.named(prefix + "2-created").hosted(DEFAULT),
                NewKeypair.named(prefix + "1-imported").imported(key, DEFAULT))));

        JsonNode created = answer.path("succeeded_keypairs").path(0).path("keypair");
        JsonNode imported = answer.path("succeeded_keypairs").path(1).path("keypair");
        assertThat(answer.path("failed_keypairs").size()).isZero();

        assertThat(created.path("private_key").asString()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(created.path("user_id").asString()).isEqualTo(ALICE.userId());
        assertThat(api.exported(ALICE, prefix + "2-created")).isEqualTo(created.path("private_key").asString());
        assertThat(api.detail(ALICE, prefix + "2-created").path("public_key").asString())
                .isEqualTo(created.path("public_key").asString());

        assertThat(imported.has("private_key")).as(imported.toString()).isFalse();
        assertThat(imported.path("fingerprint").asString()).isEqualTo(key.md5Fingerprint());
        assertThat(api.exported(ALICE, prefix + "1-imported")).isEqualTo(key.privateKey());
    }

    @Test
    void tenEntriesAreAccepted() {
        List<String> names = IntStream.range(0, 10).mapToObj(i -> prefix + i).toList();

        JsonNode answer = ok(api.batchImport(ALICE,
                names.stream().map(n -> NewKeypair.named(n).publicKey(ED25519_PUBLIC)).toList()));

        assertThat(succeededNames(answer)).containsExactlyElementsOf(names);
    }

    @Test
    void elevenEntriesAreRefusedWholeAndStoreNothing() {
        List<String> names = IntStream.range(0, 11).mapToObj(i -> prefix + i).toList();

        Result answer = api.batchImport(ALICE,
                names.stream().map(n -> NewKeypair.named(n).publicKey(ED25519_PUBLIC)).toList());

        assertError(answer, 400, "KPS.0002");
        assertThat(api.listAll(ALICE, 1000)).noneMatch(n -> n.startsWith(prefix));
    }

    @Test
    void anEntryThatBreaksTheSchemaRefusesTheWholeBatch() {
        Result answer = api.http().post(ALICE, "keypairs/batch-import", """
                [{"keypair": {"name": "%s"}}, {"keypair": {"name": "no spaces allowed"}}]""".formatted(prefix + "ok"));

        assertError(answer, 400, "KPS.0002");
        assertNotFound(api.show(ALICE, prefix + "ok"), prefix + "ok");
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertError(api.http().post(ALICE, "keypairs/batch-import", "[]"), 400, "KPS.0002");
    }
}
