package org.openkps.server.aksk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertKpsException;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.CAROL;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.openkps.client.KpsClient;
import org.openkps.client.KpsException;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.CreatedKeypair;
import org.openkps.client.model.Encryption;
import org.openkps.client.model.EncryptionType;
import org.openkps.client.model.ExportPrivateKeyRequest;
import org.openkps.client.model.KeyProtection;
import org.openkps.client.model.KeypairDetail;
import org.openkps.client.model.KeypairReference;
import org.openkps.client.model.KeypairSummary;
import org.openkps.client.model.ListKeypairsResponse;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.SshBlobs;
import org.openkps.server.support.TestCallers;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Our own generated client, signing with AK/SK ({@link KpsClient#withAccessKey}), against the real server. */
@KpsServerTest
class OwnClientOverAkSkTest {

    @LocalServerPort
    int port;

    @Test
    void createListShowExportDelete() throws Exception {
        KpsClient kps = KpsClient.withAccessKey(endpoint(), ALICE.accessKey(), ALICE.secretKey());
        String name = TestCallers.uniqueName("own-aksk");

        CreatedKeypair created = kps.keypairs().createKeypair(ALICE.projectId(), new CreateKeypairRequest()
                .keypair(new CreateKeypairAction().name(name).keyProtection(defaultProtection()))).getKeypair();
        assertThat(created.getName()).isEqualTo(name);
        assertThat(created.getUserId()).isEqualTo(ALICE.userId());
        assertThat(created.getFingerprint()).isEqualTo(SshBlobs.md5Fingerprint(created.getPublicKey()));
        assertThat(SshBlobs.rsaPrivateKeyMatches(created.getPrivateKey(), created.getPublicKey())).isTrue();

        KeypairSummary listed = listAll(kps).stream().filter(k -> k.getName().equals(name)).findFirst().orElseThrow();
        assertThat(listed.getFingerprint()).isEqualTo(created.getFingerprint());
        assertThat(listed.getIsKeyProtection()).isTrue();

        KeypairDetail shown = kps.keypairs().showKeypair(ALICE.projectId(), name).getKeypair();
        assertThat(shown.getPublicKey()).isEqualTo(created.getPublicKey());
        assertThat(shown.getUserId()).isEqualTo(ALICE.userId());

        String exported = kps.privateKeys().exportPrivateKey(ALICE.projectId(), exporting(name)).getKeypair()
                .getPrivateKey();
        assertThat(exported).isEqualTo(created.getPrivateKey());

        File archive = kps.privateKeys().batchExportPrivateKeys(ALICE.projectId(), List.of(exporting(name)));
        try {
            assertThat(readZip(archive)).containsExactly(Map.entry(name + ".pem", created.getPrivateKey()));
        } finally {
            Files.deleteIfExists(archive.toPath());
        }

        kps.keypairs().deleteKeypair(ALICE.projectId(), name);
        assertKpsException(() -> kps.keypairs().showKeypair(ALICE.projectId(), name), 404, "KPS.4016");
    }

    @Test
    void pagesWithLimitAndMarkerUntilNextMarkerIsAbsent() throws Exception {
        KpsClient kps = KpsClient.withAccessKey(endpoint(), ALICE.accessKey(), ALICE.secretKey());
        String prefix = TestCallers.uniqueName("own-page");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kps.keypairs().createKeypair(ALICE.projectId(), new CreateKeypairRequest().keypair(new CreateKeypairAction()
                    .name(prefix + "-" + i).publicKey(SshBlobs.ed25519("page").publicKey())));
            mine.add(prefix + "-" + i);
        }

        List<String> names = listAll(kps).stream().map(KeypairSummary::getName).toList();

        assertThat(names).doesNotHaveDuplicates().isSorted().containsSubsequence(mine);
    }

    @Test
    void aWrongSecretKeyIs401Kps9001() {
        KpsClient kps = KpsClient.withAccessKey(endpoint(), ALICE.accessKey(), "not-" + ALICE.secretKey());

        KpsException e = assertKpsException(() -> kps.keypairs().listKeypairs(ALICE.projectId(), 1, null),
                401, "KPS.9001");

        assertThat(e.getErrorMsg()).doesNotContain(ALICE.secretKey());
    }

    @Test
    void anotherProjectsKeysAre403Kps9003() {
        KpsClient carol = KpsClient.withAccessKey(endpoint(), CAROL.accessKey(), CAROL.secretKey());

        assertKpsException(() -> carol.keypairs().listKeypairs(ALICE.projectId(), 1, null), 403, "KPS.9003");
    }

    // ------------------------------------------------------------------ helpers

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Every key pair the caller sees, two per page, following next_marker until it is absent. */
    private static List<KeypairSummary> listAll(KpsClient kps) throws Exception {
        List<KeypairSummary> all = new ArrayList<>();
        String marker = null;
        for (int pages = 0; pages < 10_000; pages++) {
            ListKeypairsResponse page = kps.keypairs().listKeypairs(ALICE.projectId(), 2, marker);
            assertThat(page.getKeypairs()).hasSizeLessThanOrEqualTo(2).hasSize(page.getPageInfo().getCurrentCount());
            page.getKeypairs().forEach(entry -> all.add(entry.getKeypair()));
            marker = page.getPageInfo().getNextMarker();
            if (marker == null) {
                return all;
            }
        }
        throw new AssertionError("next_marker never disappeared");
    }

    private static KeyProtection defaultProtection() {
        return new KeyProtection().encryption(new Encryption().type(EncryptionType.DEFAULT));
    }

    private static ExportPrivateKeyRequest exporting(String name) {
        return new ExportPrivateKeyRequest().keypair(new KeypairReference().name(name));
    }

    private static Map<String, String> readZip(File archive) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                entries.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
