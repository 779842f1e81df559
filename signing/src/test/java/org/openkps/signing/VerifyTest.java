package org.openkps.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkps.signing.TestRequests.SDK_DATE;
import static org.openkps.signing.TestRequests.headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server side: a request as it arrives on the wire, checked against its Authorization header. */
class VerifyTest {

    private static final String SK = "SecretKey";
    private static final List<String> SIGNED = List.of("host", "user-agent", "x-project-id", "x-sdk-date");
    private static final String PATH = "/v3/0123456789abcdef0123456789abcdef/keypairs/my%20key";
    private static final String QUERY = "limit=10&marker=a%2Bb";
    private static final String BODY = "{\"keypair\":{\"name\":\"demo\"}}";

    private static Map<String, List<String>> wireHeaders() {
        return headers(
                "Host", "localhost:8080",
                "User-Agent", "huaweicloud-usdk-java/3.0",
                "X-Project-Id", "0123456789abcdef0123456789abcdef",
                "X-Sdk-Date", SDK_DATE,
                "Content-Type", "application/json;charset=UTF-8");
    }

    private static SignableRequest wire(String method, String path, String query, Map<String, List<String>> h,
                                        String body) {
        return new SignableRequest(method, path, query, h, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Authorization signedAuth() {
        String sig = SdkHmacSha256.sign(wire("POST", PATH, QUERY, wireHeaders(), BODY), SIGNED, SK);
        return Authorization.parse(new Authorization("AK", SIGNED, sig).toHeaderValue());
    }

    @Test
    void untouchedRequestVerifies() {
        assertThat(SdkHmacSha256.verify(wire("POST", PATH, QUERY, wireHeaders(), BODY), signedAuth(), SK)).isTrue();
    }

    @Test
    void equivalentWireEncodingsVerify() {
        // Same decoded request, written differently on the wire: lowercase hex, needless %-escapes, and
        // the header names in another case.
        Map<String, List<String>> h = new LinkedHashMap<>();
        wireHeaders().forEach((k, v) -> h.put(k.toUpperCase(), v));
        SignableRequest req = wire("POST", "/v3/0123456789abcdef0123456789abcdef/keypairs/my%20%6Bey/",
                "marker=a%2bb&limit=1%30", h, BODY);

        assertThat(SdkHmacSha256.verify(req, signedAuth(), SK)).isTrue();
    }

    @Test
    void tamperedRequestsFail() {
        Authorization auth = signedAuth();

        assertThat(SdkHmacSha256.verify(wire("POST", PATH, QUERY, wireHeaders(), BODY + " "), auth, SK)).isFalse();
        assertThat(SdkHmacSha256.verify(wire("POST", PATH + "x", QUERY, wireHeaders(), BODY), auth, SK)).isFalse();
        assertThat(SdkHmacSha256.verify(wire("POST", "/v3/other/keypairs/my%20key", QUERY, wireHeaders(), BODY),
                auth, SK)).isFalse();
        assertThat(SdkHmacSha256.verify(wire("POST", PATH, "limit=11&marker=a%2Bb", wireHeaders(), BODY), auth, SK))
                .isFalse();
        assertThat(SdkHmacSha256.verify(wire("POST", PATH, QUERY + "&extra", wireHeaders(), BODY), auth, SK))
                .isFalse();
        assertThat(SdkHmacSha256.verify(wire("POST", PATH, null, wireHeaders(), BODY), auth, SK)).isFalse();
        assertThat(SdkHmacSha256.verify(wire("PUT", PATH, QUERY, wireHeaders(), BODY), auth, SK)).isFalse();
        assertThat(SdkHmacSha256.verify(wire("POST", PATH, QUERY, wireHeaders(), BODY), auth, "SecretKey2"))
                .isFalse();
        for (String name : List.of("Host", "User-Agent", "X-Project-Id", "X-Sdk-Date")) {
            Map<String, List<String>> h = wireHeaders();
            h.put(name, List.of(h.get(name).get(0) + "0"));
            assertThat(SdkHmacSha256.verify(wire("POST", PATH, QUERY, h, BODY), auth, SK)).as(name).isFalse();
        }
    }

    @Test
    void forgedSignatureFailsWithoutException() {
        Authorization good = signedAuth();
        String sig = good.signature();
        String flipped = (sig.charAt(63) == '0' ? "1" : "0");
        Authorization forged = new Authorization("AK", SIGNED, sig.substring(0, 63) + flipped);
        Authorization shorter = new Authorization("AK", SIGNED, sig.substring(0, 10));

        SignableRequest req = wire("POST", PATH, QUERY, wireHeaders(), BODY);
        assertThat(SdkHmacSha256.verify(req, forged, SK)).isFalse();
        assertThat(SdkHmacSha256.verify(req, shorter, SK)).isFalse();
    }

    @Test
    void unsignedHeadersAreNotCovered() {
        Map<String, List<String>> h = wireHeaders();
        h.put("Content-Type", List.of("text/plain"));
        h.put("X-Unsigned", List.of("anything"));

        assertThat(SdkHmacSha256.verify(wire("POST", PATH, QUERY, h, BODY), signedAuth(), SK)).isTrue();
    }

    @Test
    void unsignedPayloadHeaderReplacesBodyHash() {
        Map<String, List<String>> h = wireHeaders();
        h.put("X-Sdk-Content-Sha256", List.of("UNSIGNED-PAYLOAD"));
        List<String> signed = List.of("host", "x-sdk-content-sha256", "x-sdk-date");
        String sig = SdkHmacSha256.sign(wire("PUT", PATH, null, h, "one body"), signed, SK);
        Authorization auth = new Authorization("AK", signed, sig);

        assertThat(SdkHmacSha256.verify(wire("PUT", PATH, null, h, "another body"), auth, SK)).isTrue();
    }

    @Test
    void signedHeaderMissingFromRequestIsAnError() {
        Map<String, List<String>> h = wireHeaders();
        h.remove("X-Project-Id");

        assertThatThrownBy(() -> SdkHmacSha256.verify(wire("POST", PATH, QUERY, h, BODY), signedAuth(), SK))
                .isInstanceOf(SignatureException.class)
                .hasMessage("Signed header 'x-project-id' is not present in the request");
    }

    @Test
    void missingSdkDateIsAnError() {
        Map<String, List<String>> h = wireHeaders();
        h.remove("X-Sdk-Date");
        Authorization auth = new Authorization("AK", List.of("host"), "0".repeat(64));

        assertThatThrownBy(() -> SdkHmacSha256.verify(wire("POST", PATH, QUERY, h, BODY), auth, SK))
                .isInstanceOf(SignatureException.class)
                .hasMessageStartingWith("Missing X-Sdk-Date header");
    }

    @Test
    void constantTimeEquals() {
        assertThat(SdkHmacSha256.constantTimeEquals("abc", "abc")).isTrue();
        assertThat(SdkHmacSha256.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(SdkHmacSha256.constantTimeEquals("abc", "abcd")).isFalse();
        assertThat(SdkHmacSha256.constantTimeEquals("", "")).isTrue();
    }

    @Test
    void verifyComparesWithMessageDigestIsEqual() throws IOException {
        // Timing can't be asserted reliably in a unit test, so pin the implementation instead: verify must go
        // through constantTimeEquals, which must use MessageDigest.isEqual (not String.equals).
        String src = Files.readString(Path.of("src/main/java/org/openkps/signing/SdkHmacSha256.java"));
        String verify = body(src, "public static boolean verify(");
        String compare = body(src, "static boolean constantTimeEquals(");

        assertThat(verify).contains("constantTimeEquals(").doesNotContain(".equals(");
        assertThat(compare).contains("MessageDigest.isEqual(").doesNotContain(".equals(");
    }

    private static String body(String src, String signature) {
        int start = src.indexOf(signature);
        assertThat(start).as(signature).isNotNegative();
        return src.substring(start, src.indexOf("\n    }\n", start));
    }
}
