package org.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.openkps.client.KpsClient;
import org.openkps.client.KpsException;
import org.openkps.client.model.BatchImportKeypairsResponse;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.CreatedKeypair;
import org.openkps.client.model.Encryption;
import org.openkps.client.model.EncryptionType;
import org.openkps.client.model.ExportPrivateKeyRequest;
import org.openkps.client.model.ImportPrivateKeyAction;
import org.openkps.client.model.ImportPrivateKeyRequest;
import org.openkps.client.model.KeypairDescriptionUpdate;
import org.openkps.client.model.KeypairReference;
import org.openkps.client.model.ListKeypairsResponse;
import org.openkps.client.model.PrivateKeyImport;
import org.openkps.client.model.UpdateKeypairDescriptionRequest;
import org.openkps.wiremock.OpenKpsWireMock;

/**
 * A consumer's tests, written as a team that calls KPS would write them with nothing of openkps but its
 * published artifacts: {@code openkps-wiremock} (as packaged: this runs in failsafe, against the jar), the
 * openkps client and the official Huawei Cloud SDK. They stub KPS with {@link OpenKpsWireMock}, ask for
 * answers the way the stubs' guide says, and a test of theirs that sends a request outside the KPS
 * contract fails, saying what was wrong. {@link OfficialSdkConsumerIT} does the same with the official SDK.
 */
class ConsumerIT {

    private static final String PROJECT = "0b7a2f3c9d4e45f6a1b2c3d4e5f60718";
    private static final String OTHER_PROJECT = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    @RegisterExtension
    static OpenKpsWireMock kps = new OpenKpsWireMock();

    @Test
    void theOpenkpsClientDrivesEveryOperation() throws Exception {
        KpsClient client = KpsClient.withToken(URI.create(kps.baseUrl()), "any-token-at-all");

        CreatedKeypair created = client.keypairs().createKeypair(PROJECT, create("demo")).getKeypair();
        assertThat(created.getName()).isEqualTo("demo");
        assertThat(created.getPrivateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        List<String> listed = new ArrayList<>();
        String marker = null;
        for (int pages = 0; pages < 10; pages++) {
            ListKeypairsResponse page = client.keypairs().listKeypairs(PROJECT, 2, marker);
            page.getKeypairs().forEach(entry -> listed.add(entry.getKeypair().getName()));
            marker = page.getPageInfo().getNextMarker();
            if (marker == null) {
                break;
            }
        }
        assertThat(marker).as("paging ends").isNull();
        assertThat(listed).isNotEmpty().doesNotHaveDuplicates().isSorted();

        assertThat(client.keypairs().showKeypair(PROJECT, "laptop").getKeypair().getAlgorithm()).isNotBlank();
        client.keypairs().updateKeypairDescription(PROJECT, "laptop", new UpdateKeypairDescriptionRequest()
                .keypair(new KeypairDescriptionUpdate().description("my laptop")));
        BatchImportKeypairsResponse batch = client.keypairs().batchImportKeypairs(PROJECT, List.of(create("build-1")));
        assertThat(batch.getSucceededKeypairs()).isNotEmpty();
        client.privateKeys().importPrivateKey(PROJECT, new ImportPrivateKeyRequest().keypair(new ImportPrivateKeyAction()
                .name("laptop").keyProtection(new PrivateKeyImport().privateKey("-----BEGIN OPENSSH PRIVATE KEY-----\n...")
                        .encryption(new Encryption().type(EncryptionType.DEFAULT)))));
        assertThat(client.privateKeys().exportPrivateKey(PROJECT, exporting("laptop")).getKeypair().getPrivateKey())
                .startsWith("-----BEGIN");
        File archive = client.privateKeys().batchExportPrivateKeys(PROJECT, List.of(exporting("deploy"), exporting("laptop")));
        assertThat(zipEntries(archive)).containsOnlyKeys("deploy.pem", "laptop.pem")
                .allSatisfy((file, pem) -> assertThat(pem).startsWith("-----BEGIN"));
        client.privateKeys().clearPrivateKey(PROJECT, "ci-runner");
        client.keypairs().deleteKeypair(PROJECT, "demo");
    }

    /** The answers of STUBS.md: a name, a project, a token, or the same request again. */
    @Test
    void errorsAreAskedForAsTheGuideSays() throws Exception {
        KpsClient client = KpsClient.withToken(URI.create(kps.baseUrl()), "any-token-at-all");

        KpsException missing = catchThrowableOfType(KpsException.class, () -> client.keypairs().showKeypair(PROJECT, "nothing-here"));
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getErrorCode()).isEqualTo("KPS.4016");

        assertThat(catchThrowableOfType(KpsException.class, () -> client.keypairs().showKeypair(OTHER_PROJECT, "laptop"))
                .getErrorCode()).isEqualTo("KPS.9003");
        KpsClient stranger = KpsClient.withToken(URI.create(kps.baseUrl()), "not-a-token");
        assertThat(catchThrowableOfType(KpsException.class, () -> stranger.keypairs().listKeypairs(PROJECT, null, null))
                .getStatus()).isEqualTo(401);

        client.keypairs().deleteKeypair(PROJECT, "demo");
        KpsException again = catchThrowableOfType(KpsException.class, () -> client.keypairs().deleteKeypair(PROJECT, "demo"));
        assertThat(again.getStatus()).as("deleting demo a second time").isEqualTo(404);
    }

    @Test
    void aRequestOutsideTheContractFailsTheConsumersTest() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SloppyConsumer.class)).execute().testEvents();

        tests.assertStatistics(stats -> stats.started(2).succeeded(0).failed(2));
        List<String> reasons = tests.failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
                .map(Throwable::getMessage).toList();
        assertThat(reasons).anySatisfy(reason -> assertThat(reason)
                .contains("requests to the KPS stubs that break the KPS contract", "POST /v3/" + PROJECT + "/keypairs",
                        "keypair/name"));
        assertThat(reasons).anySatisfy(reason -> assertThat(reason)
                .contains("GET /v3/" + PROJECT + "/key-pairs", "validation.request.path.missing"));
    }

    /** A consumer whose code gets KPS wrong; run by the test above only (a nested class: no runner picks it up). */
    static class SloppyConsumer {

        @RegisterExtension
        static OpenKpsWireMock kps = new OpenKpsWireMock();

        @Test
        void createsAKeyPairWhoseNameHasASpace() throws Exception {
            // The client does not check names; the stub answers; the check of the request fails the test after it.
            KpsClient.withToken(URI.create(kps.baseUrl()), "token").keypairs().createKeypair(PROJECT, create("my key"));
        }

        @Test
        void callsAPathKpsDoesNotHave() throws Exception {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            URI.create(kps.baseUrl() + "/v3/" + PROJECT + "/key-pairs")).header("X-Auth-Token", "token").build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    private static CreateKeypairRequest create(String name) {
        return new CreateKeypairRequest().keypair(new CreateKeypairAction().name(name));
    }

    private static ExportPrivateKeyRequest exporting(String name) {
        return new ExportPrivateKeyRequest().keypair(new KeypairReference().name(name));
    }

    private static Map<String, String> zipEntries(File archive) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(archive)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                entries.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
        return entries;
    }
}
