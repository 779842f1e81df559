package org.openkps.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertKpsException;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.CAROL;
import static org.openkps.server.support.TestCallers.KMS_KEY_ID;
import static org.openkps.server.support.TestCallers.KMS_KEY_NAME;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkps.client.KpsClient;
import org.openkps.client.KpsException;
import org.openkps.client.invoker.ApiException;
import org.openkps.client.model.BatchImportKeypairsResponse;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.CreatedKeypair;
import org.openkps.client.model.Encryption;
import org.openkps.client.model.EncryptionType;
import org.openkps.client.model.ExportPrivateKeyRequest;
import org.openkps.client.model.HostedPrivateKey;
import org.openkps.client.model.ImportPrivateKeyAction;
import org.openkps.client.model.ImportPrivateKeyRequest;
import org.openkps.client.model.KeyProtection;
import org.openkps.client.model.KeypairDescriptionUpdate;
import org.openkps.client.model.KeypairDetail;
import org.openkps.client.model.KeypairListEntry;
import org.openkps.client.model.KeypairReference;
import org.openkps.client.model.KeypairScope;
import org.openkps.client.model.KeypairType;
import org.openkps.client.model.ListKeypairsResponse;
import org.openkps.client.model.PrivateKeyImport;
import org.openkps.client.model.UpdateKeypairDescriptionRequest;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The generated Java client against the real server: every operation once, and failures surfaced as
 * typed {@link KpsException}s.
 */
@KpsServerTest
class KpsClientEndToEndTest {

    private static final String PROJECT = TestCallers.PROJECT;

    @LocalServerPort
    int port;

    private KpsClient kps;
    private String prefix;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void setUp() {
        kps = client(ALICE.token());
        prefix = TestCallers.uniqueName("client") + "-";
    }

    @AfterEach
    void cleanUp() {
        for (String name : created) {
            try {
                kps.keypairs().deleteKeypair(PROJECT, name);
            } catch (ApiException alreadyGone) {
                assertThat(alreadyGone.getCode()).isEqualTo(404);
            }
        }
    }

    private KpsClient client(String token) {
        return KpsClient.withToken(URI.create("http://127.0.0.1:" + port), token);
    }

    private static Encryption encryption(EncryptionType type) {
        return new Encryption().type(type);
    }

    private static ExportPrivateKeyRequest export(String name) {
        return new ExportPrivateKeyRequest().keypair(new KeypairReference().name(name));
    }

    private CreatedKeypair create(CreateKeypairAction action) throws ApiException {
        CreatedKeypair keypair = kps.keypairs().createKeypair(PROJECT, new CreateKeypairRequest().keypair(action))
                .getKeypair();
        created.add(keypair.getName());
        return keypair;
    }

    private static Map<String, String> unzip(File zip) throws IOException {
        Map<String, String> entries = new HashMap<>();
        try (ZipFile file = new ZipFile(zip)) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                entries.put(entry.getName(), new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void everyOperationThroughTheClient() throws Exception {
        // createKeypair: generated, hosted by default
        String generatedName = prefix + "a-generated";
        long before = System.currentTimeMillis();
        CreatedKeypair generated = create(new CreateKeypairAction().name(generatedName)
                .keyProtection(new KeyProtection().encryption(encryption(EncryptionType.DEFAULT))));
        assertThat(generated.getType()).isEqualTo(KeypairType.SSH);
        assertThat(generated.getPrivateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(generated.getPublicKey()).startsWith("ssh-rsa ");
        assertThat(generated.getUserId()).isEqualTo(ALICE.userId());

        // createKeypair: import of the same public key, domain-scoped, nothing hosted
        String importedName = prefix + "b-imported";
        CreatedKeypair imported = create(new CreateKeypairAction().name(importedName)
                .publicKey(generated.getPublicKey()).scope(KeypairScope.DOMAIN));
        assertThat(imported.getPrivateKey()).isNull();
        assertThat(imported.getFingerprint()).isEqualTo(generated.getFingerprint());

        // listKeypairs: a page of one after the first
        ListKeypairsResponse page = kps.keypairs().listKeypairs(PROJECT, 1, generatedName);
        assertThat(page.getKeypairs()).extracting(KeypairListEntry::getKeypair)
                .singleElement()
                .satisfies(summary -> {
                    assertThat(summary.getName()).isEqualTo(importedName);
                    assertThat(summary.getScope()).isEqualTo(KeypairScope.DOMAIN);
                    assertThat(summary.getIsKeyProtection()).isFalse();
                    assertThat(summary.getFrozenState()).isEqualTo("0");
                });
        assertThat(page.getPageInfo().getCurrentCount()).isEqualTo(1);

        // showKeypair
        KeypairDetail detail = kps.keypairs().showKeypair(PROJECT, generatedName).getKeypair();
        assertThat(detail.getName()).isEqualTo(generatedName);
        assertThat(detail.getId()).isPositive();
        assertThat(detail.getScope()).isEqualTo(KeypairScope.USER);
        assertThat(detail.getIsKeyProtection()).isTrue();
        assertThat(detail.getDeleted()).isFalse();
        assertThat(detail.getAlgorithm()).isEqualTo("RSA2048");
        assertThat(detail.getCreateTime()).isBetween(before, System.currentTimeMillis());
        assertThat(detail.getKeyId()).isNull();

        // updateKeypairDescription
        kps.keypairs().updateKeypairDescription(PROJECT, generatedName, new UpdateKeypairDescriptionRequest()
                .keypair(new KeypairDescriptionUpdate().description("through the client")));
        assertThat(kps.keypairs().showKeypair(PROJECT, generatedName).getKeypair().getDescription())
                .isEqualTo("through the client");

        // importPrivateKey: host the generated key for the imported key pair, under kms
        HostedPrivateKey hosted = kps.privateKeys().importPrivateKey(PROJECT, new ImportPrivateKeyRequest()
                .keypair(new ImportPrivateKeyAction().name(importedName).keyProtection(new PrivateKeyImport()
                        .privateKey(generated.getPrivateKey())
                        .encryption(encryption(EncryptionType.KMS).kmsKeyName(KMS_KEY_NAME))))).getKeypair();
        assertThat(hosted.getName()).isEqualTo(importedName);
        assertThat(hosted.getUserId()).isEqualTo(ALICE.userId());
        assertThat(hosted.getKeyProtection().getEncryption())
                .isEqualTo(encryption(EncryptionType.KMS).kmsKeyId(KMS_KEY_ID).kmsKeyName(KMS_KEY_NAME));
        assertThat(kps.keypairs().showKeypair(PROJECT, importedName).getKeypair().getKeyId()).isEqualTo(KMS_KEY_ID);

        // exportPrivateKey
        assertThat(kps.privateKeys().exportPrivateKey(PROJECT, export(importedName)).getKeypair().getPrivateKey())
                .isEqualTo(generated.getPrivateKey());

        // batchExportPrivateKeys
        File zip = kps.privateKeys().batchExportPrivateKeys(PROJECT, List.of(export(generatedName), export(importedName)));
        assertThat(unzip(zip)).containsOnly(
                Map.entry(generatedName + ".pem", generated.getPrivateKey()),
                Map.entry(importedName + ".pem", generated.getPrivateKey()));
        assertThat(zip.delete()).isTrue();

        // clearPrivateKey
        kps.privateKeys().clearPrivateKey(PROJECT, importedName);
        assertThat(kps.keypairs().showKeypair(PROJECT, importedName).getKeypair().getIsKeyProtection()).isFalse();

        // batchImportKeypairs: one stored, one refused
        String batchName = prefix + "c-batch";
        BatchImportKeypairsResponse batch = kps.keypairs().batchImportKeypairs(PROJECT, List.of(
                new CreateKeypairRequest().keypair(new CreateKeypairAction().name(batchName)
                        .publicKey(generated.getPublicKey())),
                new CreateKeypairRequest().keypair(new CreateKeypairAction().name(generatedName))));
        created.add(batchName);
        assertThat(batch.getSucceededKeypairs()).singleElement()
                .satisfies(entry -> assertThat(entry.getKeypair().getName()).isEqualTo(batchName));
        assertThat(batch.getFailedKeypairs()).singleElement().satisfies(failed -> {
            assertThat(failed.getKeypairName()).isEqualTo(generatedName);
            assertThat(failed.getFailedReason()).startsWith("KPS.0002: ");
        });

        // deleteKeypair
        for (String name : List.of(generatedName, importedName, batchName)) {
            kps.keypairs().deleteKeypair(PROJECT, name);
        }
        assertThat(kps.keypairs().listKeypairs(PROJECT, 1000, null).getKeypairs())
                .extracting(entry -> entry.getKeypair().getName())
                .noneMatch(name -> name.startsWith(prefix));
    }

    @Test
    void aMissingKeypairIsKps4016() {
        String name = prefix + "missing";

        KpsException e = assertKpsException(() -> kps.keypairs().showKeypair(PROJECT, name), 404, "KPS.4016");

        assertThat(e.getErrorMsg()).isEqualTo("key pair '" + name + "' does not exist");
        assertThat(e.getOperationId()).isEqualTo("showKeypair");
    }

    @Test
    void exportingWithoutHostedKeyIsKps6005() throws Exception {
        String name = prefix + "bare";
        create(new CreateKeypairAction().name(name));

        KpsException e = assertKpsException(() -> kps.privateKeys().exportPrivateKey(PROJECT, export(name)),
                400, "KPS.6005");

        assertThat(e.getErrorMsg()).contains(name);
    }

    @Test
    void aPrivateKeyOfAnotherKeypairIsKps6011() throws Exception {
        String name = prefix + "one";
        create(new CreateKeypairAction().name(name));
        String otherKey = create(new CreateKeypairAction().name(prefix + "two")).getPrivateKey();
        ImportPrivateKeyRequest request = new ImportPrivateKeyRequest().keypair(new ImportPrivateKeyAction()
                .name(name)
                .keyProtection(new PrivateKeyImport().privateKey(otherKey).encryption(encryption(EncryptionType.DEFAULT))));

        KpsException e = assertKpsException(() -> kps.privateKeys().importPrivateKey(PROJECT, request),
                400, "KPS.6011");

        assertThat(e.getErrorMsg()).contains(name).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aLimitOutOfRangeIsKps0002() {
        KpsException e = assertKpsException(() -> kps.keypairs().listKeypairs(PROJECT, 0, null), 400, "KPS.0002");

        assertThat(e.getErrorMsg()).contains("limit");
    }

    @Test
    void anotherProjectsCredentialIsKps9003() {
        KpsClient carol = client(CAROL.token());

        assertKpsException(() -> carol.keypairs().listKeypairs(PROJECT, null, null), 403, "KPS.9003");
    }

    @Test
    void anUnknownTokenIsKps9001() {
        KpsClient stranger = client("no-such-token");

        assertKpsException(() -> stranger.keypairs().listKeypairs(PROJECT, null, null), 401, "KPS.9001");
    }
}
