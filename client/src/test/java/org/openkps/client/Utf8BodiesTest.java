package org.openkps.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openkps.client.KpsStubs.ED25519_FINGERPRINT;
import static org.openkps.client.KpsStubs.KEYPAIRS;
import static org.openkps.client.KpsStubs.PROJECT_ID;
import static org.openkps.client.KpsStubs.REQUEST_ID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.client.model.KeypairDetail;
import org.openkps.client.model.ListKeypairsResponse;

/**
 * Bodies are UTF-8 whatever the platform charset. The build runs this class twice: with the JVM's
 * default charset, and in a JVM started with {@code -Dfile.encoding=ISO-8859-1} (client/pom.xml),
 * where the generated code on its own decodes {@code "clé 鍵"} as {@code "clÃ© é\u008d\u00b5"}.
 */
class Utf8BodiesTest extends ValidatedWireMockTest {

    /** Latin-1, CJK, and a character outside the BMP (a surrogate pair in Java and in JSON escapes). */
    static final String DESCRIPTION = "clé 鍵 \uD83D\uDD11";
    static final String PUBLIC_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFbv1gllJ9SHo5nnVXEmFWGAozU9jGlbsNGeVhwdIWz/ josé@büro";

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void runsOnThePlatformCharsetItWasStartedFor() {
        // The forked execution names the charset it forces; make sure the JVM really runs with it,
        // or this class would pass there without testing anything.
        String expected = System.getProperty("openkps.test.platform-charset");
        if (expected != null) {
            assertThat(Charset.defaultCharset()).isEqualTo(Charset.forName(expected));
        }
    }

    @Test
    void showKeypair_readsNonAsciiTextAsUtf8() throws Exception {
        server.stubFor(get(urlEqualTo(KEYPAIRS + "/laptop")).willReturn(utf8Json(200, detail())));

        KeypairDetail laptop = kps.keypairs().showKeypair(PROJECT_ID, "laptop").getKeypair();

        assertThat(laptop.getDescription()).isEqualTo(DESCRIPTION);
        assertThat(laptop.getPublicKey()).isEqualTo(PUBLIC_KEY);
    }

    @Test
    void listKeypairs_readsNonAsciiTextAsUtf8() throws Exception {
        server.stubFor(get(urlPathEqualTo(KEYPAIRS)).willReturn(utf8Json(200, """
                {"keypairs": [{"keypair": {"name": "laptop", "type": "ssh", "scope": "domain",
                   "public_key": %s, "fingerprint": "%s", "is_key_protection": false, "frozen_state": "0"}}],
                 "page_info": {"current_count": 1}}
                """.formatted(JSON.writeValueAsString(PUBLIC_KEY), ED25519_FINGERPRINT))));

        ListKeypairsResponse page = kps.keypairs().listKeypairs(PROJECT_ID, null, null);

        assertThat(page.getKeypairs().get(0).getKeypair().getPublicKey()).isEqualTo(PUBLIC_KEY);
    }

    @Test
    void aGzipEncodedBodyIsReadAsUtf8Too() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(detail().getBytes(StandardCharsets.UTF_8));
        }
        server.stubFor(get(urlEqualTo(KEYPAIRS + "/laptop")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Content-Encoding", "gzip")
                .withHeader("X-Request-Id", REQUEST_ID)
                .withBody(zipped.toByteArray())));

        KeypairDetail laptop = kps.keypairs().showKeypair(PROJECT_ID, "laptop").getKeypair();

        assertThat(laptop.getDescription()).isEqualTo(DESCRIPTION);
        listener.reset(); // the contract validator cannot read a gzip-encoded body; the same JSON passes it above
    }

    @Test
    void anErrorMessageIsReadAsUtf8() throws Exception {
        String message = "key pair 'laptop' does not exist (" + DESCRIPTION + ")";
        server.stubFor(get(urlEqualTo(KEYPAIRS + "/laptop")).willReturn(utf8Json(404,
                JSON.writeValueAsString(Map.of("error_code", "KPS.4016", "error_msg", message)))));

        KpsException e = catchThrowableOfType(KpsException.class,
                () -> kps.keypairs().showKeypair(PROJECT_ID, "laptop"));

        assertThat(e.getErrorMsg()).isEqualTo(message);
        assertThat(e.getMessage()).contains(DESCRIPTION);
    }

    /** The rewriting itself, for platform charsets this JVM does not run with (EBCDIC and UTF-16 included). */
    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "ISO-8859-1", "US-ASCII", "windows-1252", "IBM1047", "UTF-16"})
    void everyPlatformCharsetDecodesTheRewrittenBodyToTheSameJson(String platform) throws Exception {
        Charset charset = Charset.forName(platform);
        byte[] utf8 = detail().getBytes(StandardCharsets.UTF_8);

        byte[] rewritten = Utf8JsonHttpClient.asciiJson(utf8, charset);
        String asTheGeneratedCodeReadsIt = new String(rewritten, charset);

        assertThat(asTheGeneratedCodeReadsIt.chars().allMatch(c -> c < 0x80)).as("pure ASCII").isTrue();
        assertThat(JSON.readTree(asTheGeneratedCodeReadsIt)).isEqualTo(JSON.readTree(utf8));
        assertThat(JSON.readTree(asTheGeneratedCodeReadsIt).at("/keypair/description").asText()).isEqualTo(DESCRIPTION);
    }

    private static String detail() throws Exception {
        return """
                {"keypair": {"name": "laptop", "id": 42, "type": "ssh", "scope": "domain",
                  "public_key": %s, "fingerprint": "%s", "is_key_protection": false, "deleted": false,
                  "description": %s, "user_id": "e4f380899b1248918f3d37098dc63746",
                  "create_time": 1764259200000, "update_time": 1764262800000, "frozen_state": 0,
                  "algorithm": "ED25519"}}
                """.formatted(JSON.writeValueAsString(PUBLIC_KEY), ED25519_FINGERPRINT,
                JSON.writeValueAsString(DESCRIPTION));
    }

    /** The body as UTF-8 bytes, written by hand so that nothing depends on WireMock's string encoding. */
    private static ResponseDefinitionBuilder utf8Json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", REQUEST_ID)
                .withBody(body.getBytes(StandardCharsets.UTF_8));
    }
}
