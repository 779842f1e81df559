package org.openkps.client;

import static org.openkps.client.KpsStubs.exporting;
import static org.openkps.client.KpsStubs.zip;
import static org.openkps.client.KpsStubs.readZip;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.client.KpsStubs.ED25519_FINGERPRINT;
import static org.openkps.client.KpsStubs.ED25519_PUBLIC_KEY;
import static org.openkps.client.KpsStubs.KEYPAIRS;
import static org.openkps.client.KpsStubs.PRIVATE_KEY;
import static org.openkps.client.KpsStubs.PROJECT_ID;
import static org.openkps.client.KpsStubs.REQUEST_ID;
import static org.openkps.client.KpsStubs.RSA_PRIVATE_KEY;
import static org.openkps.client.KpsStubs.USER_ID;
import static org.openkps.client.KpsStubs.empty;
import static org.openkps.client.KpsStubs.ok;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.openkps.client.model.BatchImportKeypairsResponse;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.CreateKeypairResponse;
import org.openkps.client.model.Encryption;
import org.openkps.client.model.EncryptionType;
import org.openkps.client.model.ExportPrivateKeyRequest;
import org.openkps.client.model.ExportPrivateKeyResponse;
import org.openkps.client.model.ImportPrivateKeyAction;
import org.openkps.client.model.ImportPrivateKeyRequest;
import org.openkps.client.model.ImportPrivateKeyResponse;
import org.openkps.client.model.KeyProtection;
import org.openkps.client.model.KeypairDescriptionUpdate;
import org.openkps.client.model.KeypairDetail;
import org.openkps.client.model.KeypairReference;
import org.openkps.client.model.KeypairScope;
import org.openkps.client.model.KeypairSummary;
import org.openkps.client.model.KeypairType;
import org.openkps.client.model.ListKeypairsResponse;
import org.openkps.client.model.PrivateKeyImport;
import org.openkps.client.model.ShowKeypairResponse;
import org.openkps.client.model.UpdateKeypairDescriptionRequest;

/** Every operation of the spec, once, through {@link KpsClient}: a valid request, a valid answer, parsed. */
class KpsClientOperationsTest extends ValidatedWireMockTest {

    @Test
    void createKeypair_generatesAndHostsTheKey() throws Exception {
        // The generated model pre-fills the spec's defaults, so type and scope are always sent.
        server.stubFor(post(urlEqualTo(KEYPAIRS))
                .withRequestBody(equalToJson("""
                        {"keypair": {"name": "ci-runner",
                                     "type": "ssh",
                                     "scope": "user",
                                     "key_protection": {"encryption": {"type": "kms", "kms_key_name": "kps/default"}}}}
                        """))
                .willReturn(ok("""
                        {"keypair": {
                          "name": "ci-runner",
                          "type": "ssh",
                          "public_key": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDOGtLgk5MRo/4rYzDIGm3v8gPvjPgt7MWmmleCzdShwa0L ci-runner",
                          "private_key": "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAzhrS4JOTEaP+K2MwyBpt7/ID74z4LezFpppXgs3UocGtCwBI\\n-----END RSA PRIVATE KEY-----\\n",
                          "fingerprint": "49:ef:73:2b:9b:7f:2e:0c:58:d3:e3:42:8e:28:04:3b",
                          "user_id": "e4f380899b1248918f3d37098dc63746"
                        }}
                        """)));

        CreateKeypairResponse created = kps.keypairs().createKeypair(PROJECT_ID, new CreateKeypairRequest()
                .keypair(new CreateKeypairAction()
                        .name("ci-runner")
                        .keyProtection(new KeyProtection()
                                .encryption(new Encryption().type(EncryptionType.KMS).kmsKeyName("kps/default")))));

        assertThat(created.getKeypair().getName()).isEqualTo("ci-runner");
        assertThat(created.getKeypair().getType()).isEqualTo(KeypairType.SSH);
        assertThat(created.getKeypair().getPublicKey()).startsWith("ssh-rsa AAAA");
        assertThat(created.getKeypair().getPrivateKey()).isEqualTo(RSA_PRIVATE_KEY);
        assertThat(created.getKeypair().getFingerprint()).isEqualTo("49:ef:73:2b:9b:7f:2e:0c:58:d3:e3:42:8e:28:04:3b");
        assertThat(created.getKeypair().getUserId()).isEqualTo(USER_ID);
        verifySentWithToken(postRequestedFor(urlEqualTo(KEYPAIRS))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void listKeypairs_passesLimitAndMarker() throws Exception {
        server.stubFor(get(urlPathEqualTo(KEYPAIRS))
                .withQueryParam("limit", equalTo("1"))
                .withQueryParam("marker", equalTo("demo"))
                .willReturn(ok("""
                        {"keypairs": [
                           {"keypair": {
                              "name": "laptop",
                              "type": "ssh",
                              "scope": "domain",
                              "public_key": "%s",
                              "fingerprint": "%s",
                              "is_key_protection": false,
                              "frozen_state": "0"}}
                         ],
                         "page_info": {"next_marker": "laptop", "current_count": 1}}
                        """.formatted(ED25519_PUBLIC_KEY, ED25519_FINGERPRINT))));

        ListKeypairsResponse page = kps.keypairs().listKeypairs(PROJECT_ID, 1, "demo");

        assertThat(page.getKeypairs()).hasSize(1);
        KeypairSummary laptop = page.getKeypairs().get(0).getKeypair();
        assertThat(laptop.getName()).isEqualTo("laptop");
        assertThat(laptop.getScope()).isEqualTo(KeypairScope.DOMAIN);
        assertThat(laptop.getPublicKey()).isEqualTo(ED25519_PUBLIC_KEY);
        assertThat(laptop.getFingerprint()).isEqualTo(ED25519_FINGERPRINT);
        assertThat(laptop.getIsKeyProtection()).isFalse();
        assertThat(laptop.getFrozenState()).isEqualTo("0");
        assertThat(page.getPageInfo().getNextMarker()).isEqualTo("laptop");
        assertThat(page.getPageInfo().getCurrentCount()).isEqualTo(1);
        verifySentWithToken(getRequestedFor(urlEqualTo(KEYPAIRS + "?limit=1&marker=demo")));
    }

    @Test
    void showKeypair_readsEveryDetail() throws Exception {
        server.stubFor(get(urlEqualTo(KEYPAIRS + "/laptop")).willReturn(ok("""
                {"keypair": {
                  "name": "laptop",
                  "id": 42,
                  "type": "ssh",
                  "scope": "domain",
                  "public_key": "%s",
                  "fingerprint": "%s",
                  "is_key_protection": true,
                  "deleted": false,
                  "description": "deploy key of the staging cluster",
                  "user_id": "e4f380899b1248918f3d37098dc63746",
                  "create_time": 1764259200000,
                  "delete_time": null,
                  "update_time": 1764262800000,
                  "frozen_state": 0,
                  "key_id": "3d5f8e2a-6b1c-4a9d-8e7f-0a1b2c3d4e5f",
                  "algorithm": "ED25519"
                }}
                """.formatted(ED25519_PUBLIC_KEY, ED25519_FINGERPRINT))));

        ShowKeypairResponse shown = kps.keypairs().showKeypair(PROJECT_ID, "laptop");

        KeypairDetail laptop = shown.getKeypair();
        assertThat(laptop.getName()).isEqualTo("laptop");
        assertThat(laptop.getId()).isEqualTo(42L);
        assertThat(laptop.getScope()).isEqualTo(KeypairScope.DOMAIN);
        assertThat(laptop.getIsKeyProtection()).isTrue();
        assertThat(laptop.getDeleted()).isFalse();
        assertThat(laptop.getDescription()).isEqualTo("deploy key of the staging cluster");
        assertThat(laptop.getCreateTime()).isEqualTo(1764259200000L); // beyond int range: must be a long
        assertThat(laptop.getDeleteTime()).isNull();
        assertThat(laptop.getUpdateTime()).isEqualTo(1764262800000L);
        assertThat(laptop.getKeyId()).isEqualTo("3d5f8e2a-6b1c-4a9d-8e7f-0a1b2c3d4e5f");
        assertThat(laptop.getAlgorithm()).hasToString("ED25519");
        verifySentWithToken(getRequestedFor(urlEqualTo(KEYPAIRS + "/laptop")));
    }

    @Test
    void updateKeypairDescription_sendsOnlyTheDescription() throws Exception {
        server.stubFor(put(urlEqualTo(KEYPAIRS + "/laptop"))
                .withRequestBody(equalToJson("""
                        {"keypair": {"description": "deploy key of the staging cluster"}}
                        """))
                .willReturn(empty(200)));

        kps.keypairs().updateKeypairDescription(PROJECT_ID, "laptop", new UpdateKeypairDescriptionRequest()
                .keypair(new KeypairDescriptionUpdate().description("deploy key of the staging cluster")));

        verifySentWithToken(putRequestedFor(urlEqualTo(KEYPAIRS + "/laptop")));
    }

    @Test
    void deleteKeypair_acceptsNoContent() throws Exception {
        server.stubFor(delete(urlEqualTo(KEYPAIRS + "/laptop")).willReturn(empty(204)));

        kps.keypairs().deleteKeypair(PROJECT_ID, "laptop");

        verifySentWithToken(deleteRequestedFor(urlEqualTo(KEYPAIRS + "/laptop")));
    }

    @Test
    void batchImportKeypairs_reportsEachEntry() throws Exception {
        server.stubFor(post(urlEqualTo(KEYPAIRS + "/batch-import"))
                .withRequestBody(equalToJson("""
                        [{"keypair": {"name": "laptop-2", "type": "ssh", "scope": "user", "public_key": "%1$s"}},
                         {"keypair": {"name": "laptop", "type": "ssh", "scope": "user", "public_key": "%1$s"}}]
                        """.formatted(ED25519_PUBLIC_KEY)))
                .willReturn(ok("""
                        {"succeeded_keypairs": [
                           {"keypair": {
                              "name": "laptop-2",
                              "type": "ssh",
                              "public_key": "%s",
                              "fingerprint": "%s",
                              "user_id": "e4f380899b1248918f3d37098dc63746"}}
                         ],
                         "failed_keypairs": [
                           {"keypair_name": "laptop",
                            "failed_reason": "KPS.0002: keypair.name 'laptop' is already used by another key pair of the project"}
                         ]}
                        """.formatted(ED25519_PUBLIC_KEY, ED25519_FINGERPRINT))));

        BatchImportKeypairsResponse batch = kps.keypairs().batchImportKeypairs(PROJECT_ID, List.of(
                importing("laptop-2"), importing("laptop")));

        assertThat(batch.getSucceededKeypairs()).singleElement().satisfies(ok -> {
            assertThat(ok.getKeypair().getName()).isEqualTo("laptop-2");
            assertThat(ok.getKeypair().getPrivateKey()).isNull();
            assertThat(ok.getKeypair().getFingerprint()).isEqualTo(ED25519_FINGERPRINT);
        });
        assertThat(batch.getFailedKeypairs()).singleElement().satisfies(failed -> {
            assertThat(failed.getKeypairName()).isEqualTo("laptop");
            assertThat(failed.getFailedReason()).startsWith("KPS.0002: ");
        });
        verifySentWithToken(postRequestedFor(urlEqualTo(KEYPAIRS + "/batch-import")));
    }

    @Test
    void importPrivateKey_hostsTheKey() throws Exception {
        server.stubFor(post(urlEqualTo(PRIVATE_KEY + "/import"))
                .withRequestBody(equalToJson("""
                        {"keypair": {"name": "demo",
                                     "key_protection": {"private_key": "%s", "encryption": {"type": "default"}}}}
                        """.formatted(RSA_PRIVATE_KEY.replace("\n", "\\n"))))
                .willReturn(ok("""
                        {"keypair": {
                          "name": "demo",
                          "user_id": "e4f380899b1248918f3d37098dc63746",
                          "key_protection": {"encryption": {"type": "default"}}
                        }}
                        """)));

        ImportPrivateKeyResponse hosted = kps.privateKeys().importPrivateKey(PROJECT_ID, new ImportPrivateKeyRequest()
                .keypair(new ImportPrivateKeyAction()
                        .name("demo")
                        .keyProtection(new PrivateKeyImport()
                                .privateKey(RSA_PRIVATE_KEY)
                                .encryption(new Encryption().type(EncryptionType.DEFAULT)))));

        assertThat(hosted.getKeypair().getName()).isEqualTo("demo");
        assertThat(hosted.getKeypair().getUserId()).isEqualTo(USER_ID);
        assertThat(hosted.getKeypair().getKeyProtection().getEncryption().getType()).isEqualTo(EncryptionType.DEFAULT);
        verifySentWithToken(postRequestedFor(urlEqualTo(PRIVATE_KEY + "/import")));
    }

    @Test
    void exportPrivateKey_returnsThePemByteForByte() throws Exception {
        server.stubFor(post(urlEqualTo(PRIVATE_KEY + "/export"))
                .withRequestBody(equalToJson("""
                        {"keypair": {"name": "demo"}}
                        """))
                .willReturn(ok("""
                        {"keypair": {
                          "name": "demo",
                          "private_key": "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAzhrS4JOTEaP+K2MwyBpt7/ID74z4LezFpppXgs3UocGtCwBI\\n-----END RSA PRIVATE KEY-----\\n"
                        }}
                        """)));

        ExportPrivateKeyResponse exported = kps.privateKeys().exportPrivateKey(PROJECT_ID, exporting("demo"));

        assertThat(exported.getKeypair().getName()).isEqualTo("demo");
        assertThat(exported.getKeypair().getPrivateKey()).isEqualTo(RSA_PRIVATE_KEY);
        verifySentWithToken(postRequestedFor(urlEqualTo(PRIVATE_KEY + "/export")));
    }

    @Test
    void batchExportPrivateKeys_returnsAZipWithOnePemPerKeypair() throws Exception {
        Map<String, String> pems = new LinkedHashMap<>();
        pems.put("demo.pem", RSA_PRIVATE_KEY);
        pems.put("ci-runner.pem", RSA_PRIVATE_KEY.replace("MIIEow", "MIIEpA"));
        server.stubFor(post(urlEqualTo(PRIVATE_KEY + "/batch-export"))
                .withRequestBody(equalToJson("""
                        [{"keypair": {"name": "demo"}}, {"keypair": {"name": "ci-runner"}}]
                        """))
                .willReturn(zip("private-keys.zip", pems)));

        File archive = kps.privateKeys().batchExportPrivateKeys(PROJECT_ID, List.of(exporting("demo"), exporting("ci-runner")));

        assertThat(readZip(archive)).containsExactlyEntriesOf(pems);
        verifySentWithToken(postRequestedFor(urlEqualTo(PRIVATE_KEY + "/batch-export")));
    }

    @Test
    void clearPrivateKey_acceptsAnEmptyOk() throws Exception {
        server.stubFor(delete(urlEqualTo(KEYPAIRS + "/demo/private-key")).willReturn(empty(200)));

        kps.privateKeys().clearPrivateKey(PROJECT_ID, "demo");

        verifySentWithToken(deleteRequestedFor(urlEqualTo(KEYPAIRS + "/demo/private-key")));
    }

    private static CreateKeypairRequest importing(String name) {
        return new CreateKeypairRequest().keypair(new CreateKeypairAction().name(name).publicKey(ED25519_PUBLIC_KEY));
    }
}
