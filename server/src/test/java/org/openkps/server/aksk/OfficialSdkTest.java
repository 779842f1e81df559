package org.openkps.server.aksk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openkps.server.support.KpsAnswers.REQUEST_ID;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.CAROL;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.kps.v3.KpsClient;
import com.huaweicloud.sdk.kps.v3.model.BatchExportPrivateKeyRequest;
import com.huaweicloud.sdk.kps.v3.model.BatchExportPrivateKeyResponse;
import com.huaweicloud.sdk.kps.v3.model.BatchImportKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.BatchImportKeypairResponse;
import com.huaweicloud.sdk.kps.v3.model.ClearPrivateKeyRequest;
import com.huaweicloud.sdk.kps.v3.model.ClearPrivateKeyResponse;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairAction;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairRequestBody;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairResp;
import com.huaweicloud.sdk.kps.v3.model.DeleteKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.DeleteKeypairResponse;
import com.huaweicloud.sdk.kps.v3.model.Encryption;
import com.huaweicloud.sdk.kps.v3.model.ExportPrivateKeyRequest;
import com.huaweicloud.sdk.kps.v3.model.ExportPrivateKeyRequestBody;
import com.huaweicloud.sdk.kps.v3.model.ImportPrivateKeyKeypairBean;
import com.huaweicloud.sdk.kps.v3.model.ImportPrivateKeyProtection;
import com.huaweicloud.sdk.kps.v3.model.ImportPrivateKeyRequest;
import com.huaweicloud.sdk.kps.v3.model.ImportPrivateKeyRequestBody;
import com.huaweicloud.sdk.kps.v3.model.ImportPrivateKeyResponse;
import com.huaweicloud.sdk.kps.v3.model.KeyProtection;
import com.huaweicloud.sdk.kps.v3.model.Keypair;
import com.huaweicloud.sdk.kps.v3.model.KeypairBean;
import com.huaweicloud.sdk.kps.v3.model.KeypairDetail;
import com.huaweicloud.sdk.kps.v3.model.Keypairs;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairDetailRequest;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairsRequest;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairsResponse;
import com.huaweicloud.sdk.kps.v3.model.UpdateKeypairDescriptionReq;
import com.huaweicloud.sdk.kps.v3.model.UpdateKeypairDescriptionRequest;
import com.huaweicloud.sdk.kps.v3.model.UpdateKeypairDescriptionRequestBody;
import com.huaweicloud.sdk.kps.v3.model.UpdateKeypairDescriptionResponse;
import org.junit.jupiter.api.Test;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.SshBlobs;
import org.openkps.server.support.TestCallers;
import org.openkps.server.support.TestCallers.Caller;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The official Huawei Cloud Java SDK (huaweicloud-sdk-kps), unchanged but for its endpoint and
 * credentials, against the real server: it signs every request with AK/SK (SDK-HMAC-SHA256), sends
 * bodies chunked, and parses the answers with its own models and exceptions.
 */
@KpsServerTest
class OfficialSdkTest {

    /** Non-ASCII and quotes: the SDK escapes non-ASCII characters (ESCAPE_NON_ASCII) and signs the escaped body. */
    private static final String DESCRIPTION = "clé de déploiement \uD83D\uDD11 \"staging\"";

    @LocalServerPort
    int port;

    // ------------------------------------------------------------------ key pairs

    @Test
    void createKeypair_generatesAnRsaKeyPairWhosePrivateKeyMatchesItsPublicKeyAndFingerprint() {
        String name = TestCallers.uniqueName("sdk-create");

        CreateKeypairResp created = sdk(ALICE).createKeypair(create(new CreateKeypairAction().withName(name)))
                .getKeypair();

        assertThat(created.getName()).isEqualTo(name);
        assertThat(created.getType()).isEqualTo(CreateKeypairResp.TypeEnum.SSH);
        assertThat(created.getUserId()).isEqualTo(ALICE.userId());
        assertThat(created.getPublicKey()).startsWith("ssh-rsa AAAA");
        assertThat(created.getFingerprint()).isEqualTo(SshBlobs.md5Fingerprint(created.getPublicKey()));
        assertThat(created.getPrivateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(SshBlobs.rsaPrivateKeyMatches(created.getPrivateKey(), created.getPublicKey())).isTrue();
    }

    @Test
    void createKeypair_importsAPublicKeyAndReturnsNoPrivateKey() {
        String name = TestCallers.uniqueName("sdk-import");
        SshBlobs.Ed25519 key = SshBlobs.ed25519("laptop");

        CreateKeypairResp imported = sdk(ALICE).createKeypair(create(new CreateKeypairAction()
                .withName(name)
                .withType(CreateKeypairAction.TypeEnum.SSH)
                .withScope(CreateKeypairAction.ScopeEnum.DOMAIN)
                .withPublicKey(key.publicKey()))).getKeypair();

        assertThat(imported.getName()).isEqualTo(name);
        assertThat(imported.getPublicKey()).isEqualTo(key.publicKey());
        assertThat(imported.getFingerprint()).isEqualTo(key.fingerprint());
        assertThat(imported.getPrivateKey()).isNull();
    }

    /**
     * The SDK pages with limit and marker until next_marker is absent. Its list model reads
     * {@code frozen_state} as a string and refuses a number (its JSON reader is strict), which is
     * why the contract answers the list's {@code frozen_state} as a string.
     */
    @Test
    void listKeypairs_pagesWithLimitAndMarkerUntilNextMarkerIsAbsent() {
        KpsClient kps = sdk(ALICE);
        String prefix = TestCallers.uniqueName("sdk-page");
        Map<String, String> fingerprints = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            SshBlobs.Ed25519 key = SshBlobs.ed25519("page");
            kps.createKeypair(create(new CreateKeypairAction().withName(prefix + "-" + i).withPublicKey(key.publicKey())));
            fingerprints.put(prefix + "-" + i, key.fingerprint());
        }

        Map<String, Keypair> seen = new LinkedHashMap<>();
        List<String> allNames = new ArrayList<>();
        String marker = null;
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("pages before next_marker disappears").isLessThan(10_000);
            ListKeypairsResponse page = kps.listKeypairs(new ListKeypairsRequest().withLimit("2").withMarker(marker));
            assertThat(page.getHttpStatusCode()).isEqualTo(200);
            assertThat(page.getKeypairs()).hasSizeLessThanOrEqualTo(2);
            assertThat(page.getPageInfo().getCurrentCount()).isEqualTo(page.getKeypairs().size());
            for (Keypairs entry : page.getKeypairs()) {
                allNames.add(entry.getKeypair().getName());
                if (entry.getKeypair().getName().startsWith(prefix + "-")) {
                    seen.put(entry.getKeypair().getName(), entry.getKeypair());
                }
            }
            marker = page.getPageInfo().getNextMarker();
            if (marker == null) {
                break;
            }
            assertThat(marker).isEqualTo(page.getKeypairs().get(page.getKeypairs().size() - 1).getKeypair().getName());
        }

        assertThat(allNames).doesNotHaveDuplicates().isSorted();
        assertThat(seen).containsOnlyKeys(fingerprints.keySet());
        seen.forEach((name, keypair) -> {
            assertThat(keypair.getFingerprint()).isEqualTo(fingerprints.get(name));
            assertThat(keypair.getType()).isEqualTo(Keypair.TypeEnum.SSH);
            assertThat(keypair.getScope()).isEqualTo(Keypair.ScopeEnum.USER);
            assertThat(keypair.getIsKeyProtection()).isFalse();
            // The SDK models frozen_state as a string here (an integer in the detail): "0" parses either way.
            assertThat(keypair.getFrozenState()).isEqualTo("0");
        });
    }

    /** The SDK's signed GET with a query (limit and marker, both strings in its model) gets past authentication. */
    @Test
    void listKeypairs_signedQueryIsVerified_anUnknownMarkerIs400() {
        ListKeypairsRequest request = new ListKeypairsRequest().withLimit("2")
                .withMarker(TestCallers.uniqueName("sdk-no-such-marker"));

        assertKpsError(() -> sdk(ALICE).listKeypairs(request), 400, "KPS.0002");
    }

    @Test
    void listKeypairDetail_andUpdateKeypairDescription() {
        KpsClient kps = sdk(ALICE);
        String name = TestCallers.uniqueName("sdk-detail");
        CreateKeypairResp created = kps.createKeypair(create(new CreateKeypairAction().withName(name)
                .withKeyProtection(defaultProtection()))).getKeypair();

        KeypairDetail before = detail(kps, name);
        assertThat(before.getName()).isEqualTo(name);
        assertThat(before.getId()).isPositive();
        assertThat(before.getType()).isEqualTo(KeypairDetail.TypeEnum.SSH);
        assertThat(before.getScope()).isEqualTo(KeypairDetail.ScopeEnum.USER);
        assertThat(before.getPublicKey()).isEqualTo(created.getPublicKey());
        assertThat(before.getFingerprint()).isEqualTo(created.getFingerprint());
        assertThat(before.getIsKeyProtection()).isTrue();
        assertThat(before.getDeleted()).isFalse();
        assertThat(before.getDescription()).isEmpty();
        assertThat(before.getUserId()).isEqualTo(ALICE.userId());
        assertThat(before.getCreateTime()).isGreaterThan(1_700_000_000_000L); // epoch milliseconds
        assertThat(before.getUpdateTime()).isGreaterThanOrEqualTo(before.getCreateTime());
        assertThat(before.getDeleteTime()).isNull();
        assertThat(before.getFrozenState()).isZero();
        assertThat(before.getAlgorithm()).isEqualTo("RSA2048");

        UpdateKeypairDescriptionResponse updated = kps.updateKeypairDescription(new UpdateKeypairDescriptionRequest()
                .withKeypairName(name)
                .withBody(new UpdateKeypairDescriptionRequestBody()
                        .withKeypair(new UpdateKeypairDescriptionReq().withDescription(DESCRIPTION))));

        assertThat(updated.getHttpStatusCode()).isEqualTo(200);
        assertThat(detail(kps, name).getDescription()).isEqualTo(DESCRIPTION);
    }

    @Test
    void deleteKeypair_answers204AndTheKeypairIsGone() {
        KpsClient kps = sdk(ALICE);
        String name = TestCallers.uniqueName("sdk-delete");
        kps.createKeypair(create(new CreateKeypairAction().withName(name).withPublicKey(SshBlobs.ed25519("x").publicKey())));

        DeleteKeypairResponse deleted = kps.deleteKeypair(new DeleteKeypairRequest().withKeypairName(name));

        assertThat(deleted.getHttpStatusCode()).isEqualTo(204);
        assertKpsError(() -> detail(kps, name), 404, "KPS.4016");
    }

    @Test
    void batchImportKeypair_reportsEachEntry() {
        KpsClient kps = sdk(ALICE);
        String fresh = TestCallers.uniqueName("sdk-batch");
        String taken = TestCallers.uniqueName("sdk-batch-taken");
        SshBlobs.Ed25519 key = SshBlobs.ed25519("batch");
        kps.createKeypair(create(new CreateKeypairAction().withName(taken)));

        BatchImportKeypairResponse result = kps.batchImportKeypair(new BatchImportKeypairRequest().withBody(List.of(
                new CreateKeypairRequestBody().withKeypair(new CreateKeypairAction().withName(fresh)
                        .withPublicKey(key.publicKey())),
                new CreateKeypairRequestBody().withKeypair(new CreateKeypairAction().withName(taken)))));

        assertThat(result.getSucceededKeypairs()).singleElement().satisfies(ok -> {
            assertThat(ok.getKeypair().getName()).isEqualTo(fresh);
            assertThat(ok.getKeypair().getFingerprint()).isEqualTo(key.fingerprint());
            assertThat(ok.getKeypair().getUserId()).isEqualTo(ALICE.userId());
        });
        assertThat(result.getFailedKeypairs()).singleElement().satisfies(failed -> {
            assertThat(failed.getKeypairName()).isEqualTo(taken);
            assertThat(failed.getFailedReason()).startsWith("KPS.0002");
        });
        assertThat(detail(kps, fresh).getFingerprint()).isEqualTo(key.fingerprint());
    }

    // ------------------------------------------------------------------ private keys

    @Test
    void exportPrivateKey_returnsTheGeneratedPrivateKeyByteForByte() {
        KpsClient kps = sdk(ALICE);
        String name = TestCallers.uniqueName("sdk-export");
        String generated = kps.createKeypair(create(new CreateKeypairAction().withName(name)
                .withKeyProtection(defaultProtection()))).getKeypair().getPrivateKey();

        var exported = kps.exportPrivateKey(exportRequest(name)).getKeypair();

        assertThat(exported.getName()).isEqualTo(name);
        assertThat(exported.getPrivateKey()).isEqualTo(generated);
    }

    @Test
    void importPrivateKey_thenExport_thenClearPrivateKey() {
        KpsClient kps = sdk(ALICE);
        String name = TestCallers.uniqueName("sdk-host");
        SshBlobs.Ed25519 key = SshBlobs.ed25519("host");
        kps.createKeypair(create(new CreateKeypairAction().withName(name).withPublicKey(key.publicKey())));
        assertThat(detail(kps, name).getIsKeyProtection()).isFalse();

        ImportPrivateKeyResponse hosted = kps.importPrivateKey(new ImportPrivateKeyRequest()
                .withBody(new ImportPrivateKeyRequestBody().withKeypair(new ImportPrivateKeyKeypairBean()
                        .withName(name)
                        .withKeyProtection(new ImportPrivateKeyProtection()
                                .withPrivateKey(key.privateKeyPem())
                                .withEncryption(new Encryption().withType(Encryption.TypeEnum.DEFAULT))))));

        assertThat(hosted.getKeypair().getName()).isEqualTo(name);
        assertThat(hosted.getKeypair().getUserId()).isEqualTo(ALICE.userId());
        assertThat(hosted.getKeypair().getKeyProtection().getEncryption().getType()).isEqualTo(Encryption.TypeEnum.DEFAULT);
        assertThat(hosted.getKeypair().getKeyProtection().getPrivateKey()).as("never echoed").isNull();
        assertThat(detail(kps, name).getIsKeyProtection()).isTrue();
        assertThat(kps.exportPrivateKey(exportRequest(name)).getKeypair().getPrivateKey()).isEqualTo(key.privateKeyPem());

        ClearPrivateKeyResponse cleared = kps.clearPrivateKey(new ClearPrivateKeyRequest().withKeypairName(name));

        assertThat(cleared.getHttpStatusCode()).isEqualTo(200);
        assertThat(detail(kps, name).getIsKeyProtection()).isFalse();
        assertKpsError(() -> kps.exportPrivateKey(exportRequest(name)), 400, "KPS.6005");
    }

    /**
     * FINDING: the SDK cannot return the archive. Its {@code BatchExportPrivateKeyResponse} models the
     * body as a {@code String}, and its core reads only {@code application/json}, {@code application/xml}
     * and {@code text/*} bodies as text; any other answer (ours is {@code application/zip}, as the
     * contract says) goes to the stream path, which fills only {@code SdkStreamResponse} types. So the
     * call succeeds with HTTP 200 and a {@code null} body. The server's archive itself is right: the
     * same request, signed the same way, read with java.util.zip, holds both keys byte for byte.
     */
    @Test
    void batchExportPrivateKey_succeedsButTheSdkDropsTheZipBytes() throws IOException {
        KpsClient kps = sdk(ALICE);
        String first = TestCallers.uniqueName("sdk-zip");
        String second = TestCallers.uniqueName("sdk-zip");
        String firstKey = kps.createKeypair(create(new CreateKeypairAction().withName(first)
                .withKeyProtection(defaultProtection()))).getKeypair().getPrivateKey();
        String secondKey = kps.createKeypair(create(new CreateKeypairAction().withName(second)
                .withKeyProtection(defaultProtection()))).getKeypair().getPrivateKey();

        BatchExportPrivateKeyResponse exported = kps.batchExportPrivateKey(new BatchExportPrivateKeyRequest()
                .withBody(List.of(new Keypairs().withKeypair(new Keypair().withName(first)),
                        new Keypairs().withKeypair(new Keypair().withName(second)))));

        assertThat(exported.getHttpStatusCode()).isEqualTo(200);
        assertThat(exported.getBody()).as("what the SDK hands back of the zip").isNull();

        var archive = new SignedHttp(port).send(ALICE, "POST", "keypairs/private-key/batch-export", """
                [{"keypair": {"name": "%s"}}, {"keypair": {"name": "%s"}}]""".formatted(first, second));
        assertThat(archive.status()).isEqualTo(200);
        assertThat(archive.header("Content-Type")).isEqualTo("application/zip");
        assertThat(unzip(archive.bytes())).containsExactly(Map.entry(first + ".pem", firstKey),
                Map.entry(second + ".pem", secondKey));
    }

    // ------------------------------------------------------------------ errors, as the SDK's typed exceptions

    @Test
    void aMissingKeypairIsA404ClientRequestExceptionWithKps4016AndTheRequestId() {
        String name = TestCallers.uniqueName("sdk-missing");

        ClientRequestException e = catchThrowableOfType(ClientRequestException.class, () -> detail(sdk(ALICE), name));

        assertThat(e.getHttpStatusCode()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("KPS.4016");
        assertThat(e.getErrorMsg()).contains(name);
        assertThat(e.getRequestId()).matches(REQUEST_ID);
    }

    @Test
    void aBadNameIs400Kps0002() {
        assertKpsError(() -> sdk(ALICE).createKeypair(create(new CreateKeypairAction().withName("no spaces allowed"))),
                400, "KPS.0002");
    }

    @Test
    void aWrongSecretKeyIs401Kps9001() {
        KpsClient wrongSecret = sdk(ALICE.accessKey(), "not-" + ALICE.secretKey(), ALICE.projectId());

        ClientRequestException e = assertKpsError(() -> wrongSecret.listKeypairs(new ListKeypairsRequest()),
                401, "KPS.9001");
        assertThat(e.getErrorMsg()).doesNotContain(ALICE.secretKey());
    }

    @Test
    void anotherProjectsKeysOnAlicesProjectAre403Kps9003() {
        KpsClient carolOnAlicesProject = sdk(CAROL.accessKey(), CAROL.secretKey(), ALICE.projectId());

        assertKpsError(() -> carolOnAlicesProject.listKeypairs(new ListKeypairsRequest()), 403, "KPS.9003");
    }

    // ------------------------------------------------------------------ how the SDK's requests arrive

    @Test
    void theSdksChunkedSignedBodiesVerify() {
        String name = TestCallers.uniqueName("sdk-chunked");
        try (WireTap tap = new WireTap(port)) {
            KpsClient kps = sdk("http://127.0.0.1:" + tap.port(), ALICE.accessKey(), ALICE.secretKey(), ALICE.projectId());

            CreateKeypairResp created = kps.createKeypair(create(new CreateKeypairAction().withName(name)
                    .withPublicKey(SshBlobs.ed25519("chunked").publicKey()))).getKeypair();

            assertThat(created.getName()).isEqualTo(name);
            String request = tap.sentText();
            assertThat(request).startsWith("POST /v3/" + ALICE.projectId() + "/keypairs HTTP/1.1\r\n");
            String head = request.substring(0, request.indexOf("\r\n\r\n")).toLowerCase();
            assertThat(head).contains("\r\ntransfer-encoding: chunked").doesNotContain("\r\ncontent-length:");
            assertThat(head).contains("\r\nauthorization: sdk-hmac-sha256 access=" + ALICE.accessKey().toLowerCase()
                    + ", signedheaders=host;user-agent;x-project-id;x-sdk-date, signature=");
            assertThat(head).contains("\r\nx-project-id: " + ALICE.projectId());
        }
    }

    // The eight association and task operations: OfficialSdkAssociationTest, against real SSH servers.

    // ------------------------------------------------------------------ helpers

    private KpsClient sdk(Caller caller) {
        return sdk(caller.accessKey(), caller.secretKey(), caller.projectId());
    }

    private KpsClient sdk(String accessKey, String secretKey, String projectId) {
        return sdk("http://127.0.0.1:" + port, accessKey, secretKey, projectId);
    }

    private static KpsClient sdk(String endpoint, String accessKey, String secretKey, String projectId) {
        return OfficialSdk.against(endpoint, accessKey, secretKey, projectId);
    }

    private static CreateKeypairRequest create(CreateKeypairAction action) {
        return new CreateKeypairRequest().withBody(new CreateKeypairRequestBody().withKeypair(action));
    }

    private static KeyProtection defaultProtection() {
        return new KeyProtection().withEncryption(new Encryption().withType(Encryption.TypeEnum.DEFAULT));
    }

    private static ExportPrivateKeyRequest exportRequest(String name) {
        return new ExportPrivateKeyRequest()
                .withBody(new ExportPrivateKeyRequestBody().withKeypair(new KeypairBean().withName(name)));
    }

    private static KeypairDetail detail(KpsClient kps, String name) {
        return kps.listKeypairDetail(new ListKeypairDetailRequest().withKeypairName(name)).getKeypair();
    }

    private static ClientRequestException assertKpsError(Runnable call, int status, String errorCode) {
        ClientRequestException e = catchThrowableOfType(ClientRequestException.class, call::run);
        assertThat(e).as("the SDK's typed exception").isNotNull();
        assertThat(e.getHttpStatusCode()).isEqualTo(status);
        assertThat(e.getErrorCode()).isEqualTo(errorCode);
        assertThat(e.getErrorMsg()).isNotBlank();
        assertThat(e.getRequestId()).matches(REQUEST_ID);
        return e;
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
