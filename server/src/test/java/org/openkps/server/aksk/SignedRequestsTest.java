package org.openkps.server.aksk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.aksk.SignedHttp.draft;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.BOB;
import static org.openkps.server.support.TestCallers.CAROL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.aksk.SignedHttp.Draft;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.SshBlobs;
import org.openkps.server.support.TestCallers;
import org.openkps.signing.SdkHmacSha256;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hand-signed requests (SDK-HMAC-SHA256, made with {@link org.openkps.signing.Signer}) against the
 * real server: what must pass, and every way a signature can be wrong, which must all be 401
 * {@code KPS.9001} with a message that gives away neither the secret key nor the signature the
 * server expected.
 */
@KpsServerTest
class SignedRequestsTest {

    private static final String KEYPAIRS = "/v3/" + ALICE.projectId() + "/keypairs";

    @LocalServerPort
    int port;

    SignedHttp http;

    @BeforeEach
    void client() {
        http = new SignedHttp(port);
    }

    // ------------------------------------------------------------------ accepted

    @Test
    void validSignaturesAreAccepted_get_post_put_delete() {
        String name = TestCallers.uniqueName("signed");

        KpsHttp.Result created = http.send(ALICE, "POST", "keypairs", createBody(name));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("keypair").path("user_id").asString()).isEqualTo(ALICE.userId());

        // Query parameters out of canonical order: the signature sorts them, the wire does not.
        KpsHttp.Result listed = http.send(ALICE, "GET", "keypairs?marker=" + name + "&limit=1000", null);
        assertThat(listed.status()).isEqualTo(200);

        KpsHttp.Result described = http.send(ALICE, "PUT", "keypairs/" + name, """
                {"keypair": {"description": "signed with AK/SK"}}""");
        assertThat(described.status()).isEqualTo(200);
        assertThat(http.send(ALICE, "GET", "keypairs/" + name, null).json().path("keypair").path("description")
                .asString()).isEqualTo("signed with AK/SK");

        assertThat(http.send(ALICE, "DELETE", "keypairs/" + name, null).status()).isEqualTo(204);
    }

    @Test
    void aChunkedBodyWithAValidSignatureIsAccepted() {
        String name = TestCallers.uniqueName("signed-chunked");
        try (WireTap tap = new WireTap(port)) {
            SignedHttp viaTap = new SignedHttp(tap.port());

            KpsHttp.Result created = viaTap.send(viaTap.sign(draft(ALICE, "POST", "keypairs", createBody(name))
                    .asChunked(), ALICE));

            assertThat(created.status()).isEqualTo(200);
            assertThat(created.json().path("keypair").path("name").asString()).isEqualTo(name);
            String head = tap.sentText().substring(0, tap.sentText().indexOf("\r\n\r\n")).toLowerCase();
            assertThat(head).contains("\r\ntransfer-encoding: chunked").doesNotContain("\r\ncontent-length:");
        }
    }

    /** What the SDK sends for a body that is not JSON: the body is left out of the signature. */
    @Test
    void unsignedPayloadDeclaredInXSdkContentSha256IsAccepted() {
        String name = TestCallers.uniqueName("signed-unsigned-payload");
        Draft request = draft(ALICE, "POST", "keypairs", createBody(name))
                .with(SdkHmacSha256.X_SDK_CONTENT_SHA256, "UNSIGNED-PAYLOAD");

        KpsHttp.Result created = http.send(http.sign(request, ALICE));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("keypair").path("name").asString()).isEqualTo(name);
    }

    @Test
    void aPayloadHashDeclaredInXSdkContentSha256ThatMatchesTheBodyIsAccepted() {
        String name = TestCallers.uniqueName("signed-declared-hash");
        String body = createBody(name);
        Draft request = draft(ALICE, "POST", "keypairs", body).with(SdkHmacSha256.X_SDK_CONTENT_SHA256, sha256(body));

        assertThat(http.send(http.sign(request, ALICE)).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "X-Sdk-Date {0} minutes from now")
    @ValueSource(ints = {-14, 14})
    void aDateWithin15MinutesOfTheServersClockIsAccepted(int minutes) {
        Draft request = signedAt(draft(ALICE, "GET", "keypairs?limit=1", null), minutes);

        assertThat(http.send(request).status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ refused: who

    @Test
    void anUnknownAccessKeyIsRefused() {
        Draft request = http.sign(draft(ALICE, "GET", "keypairs", null), "UNKNOWNACCESSKEY0000", ALICE.secretKey(),
                Clock.systemUTC());

        assertRefused(request);
    }

    @Test
    void aSignatureMadeWithAnotherSecretKeyIsRefused() {
        Draft request = http.sign(draft(ALICE, "GET", "keypairs", null), ALICE.accessKey(), BOB.secretKey(),
                Clock.systemUTC());

        assertRefused(request);
    }

    @Test
    void aWrongSignatureIsNotRescuedByAValidToken() {
        Draft request = http.sign(draft(ALICE, "GET", "keypairs", null), ALICE.accessKey(), "wrong", Clock.systemUTC())
                .with("X-Auth-Token", ALICE.token());

        assertRefused(request);
    }

    // ------------------------------------------------------------------ refused: sign one request, send another

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void aRequestChangedAfterSigningIsRefused(String what, Draft signed, UnaryOperator<Draft> change) {
        Draft sent = change.apply(http.sign(signed, ALICE));

        assertRefused(sent);
    }

    static Stream<Arguments> tamperings() {
        Draft post = draft(ALICE, "POST", "keypairs", """
                {"keypair": {"name": "tamper-a"}}""");
        Draft get = draft(ALICE, "GET", "keypairs/tamper-a", null);
        Draft list = draft(ALICE, "GET", "keypairs?limit=1", null);
        return Stream.of(
                tampering("body", post, d -> d.withBody("""
                        {"keypair": {"name": "tamper-b"}}""")),
                tampering("body sent chunked", post, d -> d.withBody("""
                        {"keypair": {"name": "tamper-b"}}""").asChunked()),
                tampering("path", get, d -> d.withPathAndQuery(KEYPAIRS + "/tamper-b")),
                tampering("query value", list, d -> d.withPathAndQuery(KEYPAIRS + "?limit=2")),
                tampering("query parameter added", list, d -> d.withPathAndQuery(KEYPAIRS + "?limit=1&marker=a")),
                tampering("method", get, d -> d.withMethod("DELETE")),
                tampering("signed header value", get.with("X-Project-Id", ALICE.projectId()),
                        d -> d.with("X-Project-Id", CAROL.projectId())),
                tampering("X-Sdk-Date", get, d -> d.with("X-Sdk-Date",
                        SdkHmacSha256.formatSdkDate(Instant.now().minusSeconds(60)))),
                tampering("signed header left out", get.with("X-Extra", "1"), d -> d.without("X-Extra")),
                tampering("X-Sdk-Date left out", get, d -> d.without("X-Sdk-Date")));
    }

    private static Arguments tampering(String what, Draft signed, UnaryOperator<Draft> change) {
        return Arguments.of(what, signed, change);
    }

    /**
     * A signed {@code X-Sdk-Content-Sha256} stands in for the body's hash; if it is a hash rather than
     * {@code UNSIGNED-PAYLOAD}, the body that arrives must have it, or anyone holding a signed request
     * could swap its body.
     */
    @Test
    void aBodyThatDoesNotMatchTheSignedXSdkContentSha256IsRefused() {
        String signedBody = createBody(TestCallers.uniqueName("declared-a"));
        Draft signed = http.sign(draft(ALICE, "POST", "keypairs", signedBody)
                .with(SdkHmacSha256.X_SDK_CONTENT_SHA256, sha256(signedBody)), ALICE);

        assertRefused(signed.withBody(createBody(TestCallers.uniqueName("declared-b"))));
    }

    @Test
    void aSignedXSdkContentSha256ThatIsNotAHashIsRefused() {
        Draft signed = http.sign(draft(ALICE, "POST", "keypairs", createBody(TestCallers.uniqueName("declared-c")))
                .with(SdkHmacSha256.X_SDK_CONTENT_SHA256, "SIGNED-ELSEWHERE"), ALICE);

        assertRefused(signed);
    }

    // ------------------------------------------------------------------ refused: the date

    @ParameterizedTest(name = "X-Sdk-Date {0} minutes from now")
    @ValueSource(ints = {-16, 16})
    void aDateMoreThan15MinutesFromTheServersClockIsRefused(int minutes) {
        assertRefused(signedAt(draft(ALICE, "GET", "keypairs", null), minutes));
    }

    @Test
    void anXSdkDateThatIsNotAmongTheSignedHeadersIsRefused() {
        // A correct signature over host alone: the date could then be replayed with any value.
        Draft sent = http.signOnly(draft(ALICE, "GET", "keypairs", null), ALICE, List.of("host"), Instant.now());

        assertRefused(sent);
    }

    @Test
    void aSignatureOverExactlyTheSdksHeadersIsAccepted() {
        Draft sent = http.signOnly(draft(ALICE, "GET", "keypairs?limit=1", null).with("X-Unsigned", "anything"),
                ALICE, List.of("host", "x-sdk-date"), Instant.now());

        assertThat(http.send(sent).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "X-Sdk-Date: {0}")
    @ValueSource(strings = {"2019-11-15T03:36:55Z", "20191115T033655", "20190230T033655Z", "now"})
    void aMalformedXSdkDateIsRefused(String date) {
        assertRefused(http.sign(draft(ALICE, "GET", "keypairs", null).with("X-Sdk-Date", date), ALICE));
    }

    // ------------------------------------------------------------------ refused: the Authorization header

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {
        "SDK-HMAC-SHA256",
        "SDK-HMAC-SHA256 Access=ALICEACCESSKEY000001",
        "SDK-HMAC-SHA256 Access=ALICEACCESSKEY000001, SignedHeaders=host;x-sdk-date",
        "SDK-HMAC-SHA256 Access=ALICEACCESSKEY000001, SignedHeaders=host;x-sdk-date, Signature=not-hex",
        "SDK-HMAC-SHA256 Access=ALICEACCESSKEY000001, SignedHeaders=, Signature=%s",
        "SDK-HMAC-SHA256 Access=ALICEACCESSKEY000001, SignedHeaders=host;x-sdk-date, Signature=%s, Extra=1",
        "SDK-HMAC-SHA256 Access=ALICEACCESSKEY000001, Access=ALICEACCESSKEY000001, SignedHeaders=host;x-sdk-date, Signature=%s",
        "SDK-HMAC-SHA256Access=ALICEACCESSKEY000001, SignedHeaders=host;x-sdk-date, Signature=%s",
        "SDK-HMAC-SM3 Access=ALICEACCESSKEY000001, SignedHeaders=host;x-sdk-date, Signature=%s",
        "AWS4-HMAC-SHA256 Credential=ALICEACCESSKEY000001/20191115/region/kps/aws4_request",
        "Bearer alice-token",
    })
    void aMalformedAuthorizationHeaderIsRefused(String authorization) {
        Draft signed = http.sign(draft(ALICE, "GET", "keypairs", null), ALICE);
        String realSignature = signed.header("Authorization").replaceAll(".*Signature=", "");

        Draft sent = signed.with("Authorization", authorization.formatted(realSignature));

        KpsHttp.Result refused = assertRefused(sent);
        assertThat(refused.errorMsg()).as("the real signature stays unspoken").doesNotContain(realSignature);
    }

    // ------------------------------------------------------------------ helpers

    /** 401 KPS.9001, with a request id, and not a word of any secret key or of the signature the server expected. */
    private KpsHttp.Result assertRefused(Draft sent) {
        KpsHttp.Result result = http.send(sent);

        String message = assertError(result, 401, "KPS.9001");
        assertThat(message).doesNotContain(ALICE.secretKey(), BOB.secretKey(), CAROL.secretKey());
        for (String secretKey : new String[] {ALICE.secretKey(), BOB.secretKey(), CAROL.secretKey()}) {
            http.signatureServerExpects(sent, secretKey).ifPresent(expected ->
                    assertThat(message.toLowerCase()).as("the signature the server expected")
                            .doesNotContain(expected.substring(0, 16)));
        }
        return result;
    }

    private Draft signedAt(Draft draft, int minutesFromNow) {
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(minutesFromNow));
        return http.sign(draft, ALICE.accessKey(), ALICE.secretKey(), skewed);
    }

    private static String createBody(String name) {
        return """
                {"keypair": {"name": "%s", "public_key": "%s"}}""".formatted(name, SshBlobs.ed25519("signed").publicKey());
    }

    private static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
