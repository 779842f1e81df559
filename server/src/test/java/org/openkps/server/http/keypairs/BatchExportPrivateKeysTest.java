package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.KMS_BY_NAME;
import static org.openkps.server.support.TestCallers.ALICE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KeyTools.SshKey;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

/** batchExportPrivateKeys: a zip of hosted private keys, all or nothing. */
@KpsServerTest
class BatchExportPrivateKeysTest extends KpsApiTest {

    private final String prefix = TestCallers.uniqueName("batch-export") + "-";

    /** Entry name -> bytes, in archive order; fails on anything java.util.zip cannot read. */
    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertThat(entries.put(entry.getName(), in.readAllBytes())).as("entry %s twice", entry.getName()).isNull();
            }
        }
        return entries;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersAZipWithOnePemEntryPerKeypairHoldingExactlyTheHostedKey() throws IOException {
        String generated = prefix + "generated";
        String openSsh = prefix + "openssh";
        String sec1 = prefix + "sec1";
        SshKey ed25519 = KeyTools.ed25519();
        SshKey ecdsa = KeyTools.ecdsa384();
        String generatedKey = api.generateHosted(ALICE, generated, KMS_BY_NAME).path("private_key").asString();
        api.created(ALICE, NewKeypair.named(openSsh).imported(ed25519, DEFAULT));
        api.created(ALICE, NewKeypair.named(sec1).publicKey(ecdsa.publicLine()));
        ok(api.importPrivateKey(ALICE, sec1, ecdsa.privateKey(), KMS_BY_NAME));

        Result answer = api.batchExport(ALICE, sec1, generated, openSsh);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/zip");
        assertThat(answer.header("Content-Disposition")).startsWith("attachment; filename=");
        Map<String, byte[]> entries = unzip(answer.bytes());
        assertThat(entries.keySet()).containsExactlyInAnyOrder(sec1 + ".pem", generated + ".pem", openSsh + ".pem");
        assertThat(entries.get(generated + ".pem")).isEqualTo(utf8(generatedKey));
        assertThat(entries.get(openSsh + ".pem")).isEqualTo(utf8(ed25519.privateKey()));
        assertThat(entries.get(sec1 + ".pem")).isEqualTo(utf8(ecdsa.privateKey()));
    }

    @Test
    void tenKeypairsAreAccepted() throws IOException {
        List<String> names = IntStream.range(0, 10).mapToObj(i -> prefix + i).toList();
        SshKey key = KeyTools.ed25519();
        ok(api.batchImport(ALICE, names.stream()
                .map(n -> NewKeypair.named(n).imported(key, DEFAULT)).toList()));

        Result answer = api.batchExport(ALICE, names.toArray(String[]::new));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(unzip(answer.bytes())).hasSize(10)
                .allSatisfy((entry, bytes) -> assertThat(bytes).isEqualTo(utf8(key.privateKey())));
    }

    @Test
    void moreThanTenKeypairsAreRefused() {
        String[] names = IntStream.range(0, 11).mapToObj(i -> prefix + i).toArray(String[]::new);

        assertError(api.batchExport(ALICE, names), 400, "KPS.0002");
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertError(api.http().post(ALICE, "keypairs/private-key/batch-export", "[]"), 400, "KPS.0002");
    }

    @Test
    void aNameTwiceIsRefused() {
        String name = prefix + "twice";
        api.generateHosted(ALICE, name, DEFAULT);

        assertError(api.batchExport(ALICE, name, name), 400, "KPS.0002");
    }

    @Test
    void anyMissingKeypairMeans404AndNoArchive() {
        String hosted = prefix + "hosted";
        String missing = prefix + "missing";
        api.generateHosted(ALICE, hosted, DEFAULT);

        Result missingLast = api.batchExport(ALICE, hosted, missing);
        Result missingFirst = api.batchExport(ALICE, missing, hosted);

        assertNotFound(missingLast, missing);
        assertNotFound(missingFirst, missing);
    }

    @Test
    void anyKeypairWithoutHostedKeyMeans6005AndNoArchive() {
        String hosted = prefix + "hosted";
        String bare = prefix + "bare";
        api.generateHosted(ALICE, hosted, DEFAULT);
        api.generate(ALICE, bare);

        Result answer = api.batchExport(ALICE, hosted, bare);

        assertError(answer, 400, "KPS.6005");
        assertThat(answer.errorMsg()).contains(bare);
    }
}
