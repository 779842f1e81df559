package org.openkps.client;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.openkps.client.KpsStubs.PRIVATE_KEY;
import static org.openkps.client.KpsStubs.RSA_PRIVATE_KEY;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.openkps.client.KpsStubs.exporting;
import static org.openkps.client.KpsStubs.zip;
import static org.openkps.client.KpsStubs.readZip;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openkps.client.KpsStubs.KEYPAIRS;
import static org.openkps.client.KpsStubs.PROJECT_ID;
import static org.openkps.client.KpsStubs.REQUEST_ID;
import static org.openkps.client.KpsStubs.TOKEN;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers outside the contract: a proxy's error page, or a server that names its archive to
 * escape the download directory. They break the spec on purpose, so this class uses its own
 * WireMock server with no validation listener.
 */
class OffContractAnswersTest {

    private static WireMockServer proxy;
    private KpsClient kps;

    @BeforeAll
    static void start() {
        proxy = new WireMockServer(options().dynamicPort());
        proxy.start();
    }

    @AfterAll
    static void stop() {
        proxy.stop();
    }

    @BeforeEach
    void client() {
        proxy.resetAll();
        kps = KpsClient.withToken(URI.create(proxy.baseUrl()), TOKEN);
    }

    @Test
    void htmlFromAProxy() {
        String page = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + "nginx ".repeat(100) + "</body>\n</html>";
        proxy.stubFor(get(urlEqualTo(KEYPAIRS + "/demo"))
                .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(page)));

        KpsException e = showDemo();

        assertThat(e.getStatus()).isEqualTo(502);
        assertThat(e.getErrorCode()).isNull();
        assertThat(e.getErrorMsg()).isNull();
        assertThat(e.getRequestId()).isNull();
        assertThat(e.getResponseBody()).isEqualTo(page); // whole body kept, only the message is cut
        assertThat(e.getMessage())
                .startsWith("HTTP 502 from showKeypair, not a KPS error: text/html body "
                        + "'<html> <head><title>502 Bad Gateway</title></head> <body>nginx")
                .endsWith("...'")
                .doesNotContain("\n")
                .hasSizeLessThan(KpsException.BODY_EXCERPT_CHARS + 100);
    }

    @Test
    void emptyBodyWithARequestId() {
        proxy.stubFor(get(urlEqualTo(KEYPAIRS + "/demo"))
                .willReturn(aResponse().withStatus(503).withHeader("X-Request-Id", REQUEST_ID)));

        KpsException e = showDemo();

        assertThat(e.getStatus()).isEqualTo(503);
        assertThat(e.getErrorCode()).isNull();
        assertThat(e.getMessage()).isEqualTo(
                "HTTP 503 from showKeypair, not a KPS error: empty body [request id " + REQUEST_ID + "]");
    }

    @Test
    void jsonOfAnotherShape() {
        proxy.stubFor(get(urlEqualTo(KEYPAIRS + "/demo")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"message": "slow down"}
                        """)));

        KpsException e = showDemo();

        assertThat(e.getStatus()).isEqualTo(429);
        assertThat(e.getErrorCode()).isNull();
        assertThat(e.getMessage()).isEqualTo(
                "HTTP 429 from showKeypair, not a KPS error: application/json body '{\"message\": \"slow down\"}'");
    }

    @Test
    void cloudGatewayErrorKeepsItsCodeAndRequestId() {
        // Huawei's API gateway answers auth failures itself, in the same flat shape, with the
        // request id in the body.
        proxy.stubFor(get(urlEqualTo(KEYPAIRS + "/demo")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error_msg": "Incorrect IAM authentication information: verify aksk signature fail",
                         "error_code": "APIGW.0301",
                         "request_id": "7f0c3b6d2e9a4c1b8d5e0f2a3b4c5d6e"}
                        """)));

        KpsException e = showDemo();

        assertThat(e.getErrorCode()).isEqualTo("APIGW.0301");
        assertThat(e.getRequestId()).isEqualTo("7f0c3b6d2e9a4c1b8d5e0f2a3b4c5d6e");
        assertThat(e.getMessage()).startsWith("APIGW.0301 (HTTP 401): Incorrect IAM authentication information");
    }

    private KpsException showDemo() {
        return catchThrowableOfType(KpsException.class, () -> kps.keypairs().showKeypair(PROJECT_ID, "demo"));
    }

    @Test
    void batchExportPrivateKeys_ignoresTheServersFileName() throws Exception {
        // The generated download code would create the file outside its temporary directory.
        Path escaped = Path.of(System.getProperty("java.io.tmpdir"), "kps-escape-" + ProcessHandle.current().pid() + ".zip");
        proxy.stubFor(post(urlEqualTo(PRIVATE_KEY + "/batch-export"))
                .willReturn(zip("../" + escaped.getFileName(), Map.of("demo.pem", RSA_PRIVATE_KEY))));

        File archive = kps.privateKeys().batchExportPrivateKeys(PROJECT_ID, List.of(exporting("demo")));

        try {
            assertThat(escaped).doesNotExist();
            assertThat(archive.getName()).startsWith("kps-private-keys-").endsWith(".zip");
            assertThat(readZip(archive)).containsOnlyKeys("demo.pem");
        } finally {
            Files.deleteIfExists(escaped);
        }
    }
}
