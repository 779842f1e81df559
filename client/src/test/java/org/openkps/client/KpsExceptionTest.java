package org.openkps.client;

import static org.openkps.client.KpsStubs.exporting;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openkps.client.KpsStubs.KEYPAIRS;
import static org.openkps.client.KpsStubs.PRIVATE_KEY;
import static org.openkps.client.KpsStubs.PROJECT_ID;
import static org.openkps.client.KpsStubs.REQUEST_ID;
import static org.openkps.client.KpsStubs.RSA_PRIVATE_KEY;
import static org.openkps.client.KpsStubs.TOKEN;
import static org.openkps.client.KpsStubs.kpsError;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.Encryption;
import org.openkps.client.model.EncryptionType;
import org.openkps.client.model.ExportPrivateKeyRequest;
import org.openkps.client.model.ImportPrivateKeyAction;
import org.openkps.client.model.ImportPrivateKeyRequest;
import org.openkps.client.model.KeypairDescriptionUpdate;
import org.openkps.client.model.KeypairReference;
import org.openkps.client.model.PrivateKeyImport;
import org.openkps.client.model.UpdateKeypairDescriptionRequest;

/**
 * Each error answer the spec lists becomes a {@link KpsException} with the status, the KPS code
 * and message, and the request id. Every stubbed error is itself checked against the spec, so each
 * is an answer the spec allows for that operation.
 */
class KpsExceptionTest extends ValidatedWireMockTest {

    /** One call through the client; the stub answers whatever the case says. */
    @FunctionalInterface
    interface Call {
        void on(KpsClient kps) throws Exception;
    }

    record Case(String operationId, MappingBuilder request, Call call) {
        @Override
        public String toString() {
            return operationId;
        }
    }

    static Stream<Arguments> errorsOfTheSpec() {
        return Stream.of(
                Arguments.of(createDemo(), 400, "KPS.0002", "keypair.name: must match \"^[A-Za-z0-9_-]{1,255}$\""),
                Arguments.of(exportDemo(), 400, "KPS.6005", "key pair 'demo' has no hosted private key"),
                Arguments.of(importDemo(), 400, "KPS.6011",
                        "the imported private key does not match the public key of key pair 'demo'"),
                Arguments.of(deleteDemo(), 401, "KPS.9001", "X-Auth-Token is missing"),
                Arguments.of(listKeypairs(), 403, "KPS.9003",
                        "the credentials do not grant access to project 0b7a2f3c9d4e45f6a1b2c3d4e5f60718"),
                Arguments.of(showDemo(), 404, "KPS.4016", "key pair 'demo' does not exist"),
                Arguments.of(updateDemo(), 413, "KPS.0002", "the request body is larger than 1048576 bytes"),
                Arguments.of(createDemo(), 415, "KPS.0002",
                        "Content-Type 'text/plain' is not supported; send application/json"),
                Arguments.of(listKeypairs(), 500, "KPS.0004",
                        "internal error; quote request id 4c8f8a4e2b7d4f0e9a6c1d3b5e7f9a0b"));
    }

    @ParameterizedTest(name = "{1} {2} from {0}")
    @MethodSource("errorsOfTheSpec")
    void errorAnswerBecomesKpsException(Case c, int status, String errorCode, String errorMsg) {
        server.stubFor(c.request().willReturn(kpsError(status, errorCode, errorMsg)));

        KpsException e = catchThrowableOfType(KpsException.class, () -> c.call().on(kps));

        assertThat(e).isNotNull();
        assertThat(e.getStatus()).isEqualTo(status).isEqualTo(e.getCode());
        assertThat(e.getErrorCode()).isEqualTo(errorCode);
        assertThat(e.getErrorMsg()).isEqualTo(errorMsg);
        assertThat(e.getRequestId()).isEqualTo(REQUEST_ID);
        assertThat(e.getOperationId()).isEqualTo(c.operationId());
        assertThat(e.getMessage())
                .isEqualTo(errorCode + " (HTTP " + status + "): " + errorMsg + " [request id " + REQUEST_ID + "]")
                .doesNotContain(TOKEN);
        assertThat(e.getResponseBody()).contains(errorCode);
    }

    @Test
    void batchExportErrorIsJsonNotZip() {
        // The one operation whose success is not JSON: its errors still are.
        server.stubFor(post(urlEqualTo(PRIVATE_KEY + "/batch-export"))
                .willReturn(kpsError(404, "KPS.4016", "key pair 'ci-runner' does not exist")));

        KpsException e = catchThrowableOfType(KpsException.class, () -> kps.privateKeys()
                .batchExportPrivateKeys(PROJECT_ID, List.of(exporting("demo"), exporting("ci-runner"))));

        assertThat(e.getStatus()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("KPS.4016");
        assertThat(e.getMessage()).isEqualTo(
                "KPS.4016 (HTTP 404): key pair 'ci-runner' does not exist [request id " + REQUEST_ID + "]");
    }

    @Test
    void clearPrivateKeyOfAMissingKeypair() {
        server.stubFor(delete(urlEqualTo(KEYPAIRS + "/demo/private-key"))
                .willReturn(kpsError(404, "KPS.4016", "key pair 'demo' does not exist")));

        KpsException e = catchThrowableOfType(KpsException.class,
                () -> kps.privateKeys().clearPrivateKey(PROJECT_ID, "demo"));

        assertThat(e.getErrorCode()).isEqualTo("KPS.4016");
        assertThat(e.getOperationId()).isEqualTo("clearPrivateKey");
    }

    private static Case createDemo() {
        return new Case("createKeypair", post(urlEqualTo(KEYPAIRS)), kps -> kps.keypairs().createKeypair(PROJECT_ID,
                new CreateKeypairRequest().keypair(new CreateKeypairAction().name("demo"))));
    }

    private static Case listKeypairs() {
        return new Case("listKeypairs", get(urlPathEqualTo(KEYPAIRS)),
                kps -> kps.keypairs().listKeypairs(PROJECT_ID, null, null));
    }

    private static Case showDemo() {
        return new Case("showKeypair", get(urlEqualTo(KEYPAIRS + "/demo")),
                kps -> kps.keypairs().showKeypair(PROJECT_ID, "demo"));
    }

    private static Case updateDemo() {
        return new Case("updateKeypairDescription", put(urlEqualTo(KEYPAIRS + "/demo")),
                kps -> kps.keypairs().updateKeypairDescription(PROJECT_ID, "demo", new UpdateKeypairDescriptionRequest()
                        .keypair(new KeypairDescriptionUpdate().description("x".repeat(200)))));
    }

    private static Case deleteDemo() {
        return new Case("deleteKeypair", delete(urlEqualTo(KEYPAIRS + "/demo")),
                kps -> kps.keypairs().deleteKeypair(PROJECT_ID, "demo"));
    }

    private static Case importDemo() {
        return new Case("importPrivateKey", post(urlEqualTo(PRIVATE_KEY + "/import")),
                kps -> kps.privateKeys().importPrivateKey(PROJECT_ID, new ImportPrivateKeyRequest()
                        .keypair(new ImportPrivateKeyAction().name("demo").keyProtection(new PrivateKeyImport()
                                .privateKey(RSA_PRIVATE_KEY)
                                .encryption(new Encryption().type(EncryptionType.DEFAULT))))));
    }

    private static Case exportDemo() {
        return new Case("exportPrivateKey", post(urlEqualTo(PRIVATE_KEY + "/export")),
                kps -> kps.privateKeys().exportPrivateKey(PROJECT_ID, exporting("demo")));
    }

}
