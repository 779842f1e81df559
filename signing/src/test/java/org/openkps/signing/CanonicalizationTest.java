package org.openkps.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkps.signing.TestRequests.request;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CanonicalizationTest {

    @ParameterizedTest(name = "path [{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|/",
        "/|/",
        "//|/",
        "/v3/p/keypairs|/v3/p/keypairs/",
        "/v3/p/keypairs/|/v3/p/keypairs/",        // trailing slash signs the same
        "/a//b|/a//b/",                           // inner empty segment is kept
        "/a%2Fb/c|/a%2Fb/c/",                     // encoded '/' stays inside its segment
        "/a%2fb|/a%2Fb/",                         // hex is re-emitted uppercase
        "/my%20key|/my%20key/",                   // space is %20
        "/my key|/my%20key/",                     // raw space (as the SDK signs its own value)
        "/a+b|/a%2Bb/",                           // '+' in a path is a literal plus
        "/caf%C3%A9|/caf%C3%A9/",                 // percent-encoded UTF-8
        "/café|/caf%C3%A9/",                      // unicode arriving un-encoded
        "/%E2%82%AC~-_.|/%E2%82%AC~-_./",         // unreserved characters stay as they are
        "/%7E|/~/",                               // needless encoding of an unreserved char is undone
        "/a*b!'()@:$,;=|/a%2Ab%21%27%28%29%40%3A%24%2C%3B%3D/",
    })
    void canonicalUri(String raw, String expected) {
        assertThat(SdkHmacSha256.canonicalUri(raw)).isEqualTo(expected);
    }

    @Test
    void nullPathIsRoot() {
        assertThat(SdkHmacSha256.canonicalUri(null)).isEqualTo("/");
    }

    @ParameterizedTest(name = "query [{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "b=2&a=1|a=1&b=2",
        "limit=2&marker=x|limit=2&marker=x",
        "flag|flag=",                             // key without '=' has the empty value
        "flag=|flag=",
        "a=2&a=1&a=3|a=2&a=1&a=3",                // repeated key: wire order kept, values not sorted
        "b=1&a=2&b=0&a=1|a=2&a=1&b=1&b=0",        // stable: grouped by key, each key's values in wire order
        "q=a+b|q=a%2Bb",                          // '+' is a literal plus, not a space
        "q=a%20b|q=a%20b",
        "q=a b|q=a%20b",
        "q=a%2fb|q=a%2Fb",
        "q=b=c|q=b%3Dc",                          // only the first '=' separates key and value
        "q=%E2%82%AC|q=%E2%82%AC",
        "q=€|q=%E2%82%AC",
        "&&a=1&|a=1",                             // empty parameters carry nothing
        "z=1&%C3%A9=2&A=3&_=4&~=5|%C3%A9=2&A=3&_=4&z=1&~=5", // sorted by encoded key, ASCII order
        "a%20b=1&a=2|a=2&a%20b=1",                // "a" < "a%20b" once encoded
    })
    void canonicalQuery(String raw, String expected) {
        assertThat(SdkHmacSha256.canonicalQueryString(raw)).isEqualTo(expected);
    }

    @Test
    void nullQueryIsEmptyLine() {
        assertThat(SdkHmacSha256.canonicalQueryString(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%zz", "/a%", "/a%4", "/%G0"})
    void malformedPathEncodingIsRejected(String raw) {
        assertThatThrownBy(() -> SdkHmacSha256.canonicalUri(raw))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining("Malformed percent-encoding in the request path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%", "q=100%", "%x=1"})
    void malformedQueryEncodingIsRejected(String raw) {
        assertThatThrownBy(() -> SdkHmacSha256.canonicalQueryString(raw))
                .isInstanceOf(SignatureException.class)
                .hasMessageContaining("Malformed percent-encoding in the request query");
    }

    @Test
    void percentEncodeKeepsOnlyUnreserved() {
        assertThat(SdkHmacSha256.percentEncode("AZaz09-_.~")).isEqualTo("AZaz09-_.~");
        assertThat(SdkHmacSha256.percentEncode("a b/c+d*")).isEqualTo("a%20b%2Fc%2Bd%2A");
        assertThat(SdkHmacSha256.percentEncode("ключ")).isEqualTo("%D0%BA%D0%BB%D1%8E%D1%87");
        // bytes that are not valid UTF-8 still round-trip exactly
        assertThat(SdkHmacSha256.percentEncode(new byte[] {(byte) 0xFF, 0x00})).isEqualTo("%FF%00");
        assertThat(SdkHmacSha256.canonicalUri("/%ff")).isEqualTo("/%FF/");
    }

    @Test
    void canonicalHeadersAreLowercasedSortedFirstValueAndTrimmed() {
        SignableRequest req = new SignableRequest("GET", "/", null, java.util.Map.of(
                "X-Sdk-Date", List.of("20191115T033655Z"),
                "HOST", List.of("h:8080"),
                "X-Multi", List.of("  first ", "second")), null);

        String canonical = SdkHmacSha256.canonicalRequest(req, List.of("X-Sdk-Date", "x-multi", "Host", "host"), "PH");
        assertThat(canonical).isEqualTo("GET\n/\n\nhost:h:8080\nx-multi:first\nx-sdk-date:20191115T033655Z\n\n"
                + "host;x-multi;x-sdk-date\nPH");
    }

    @Test
    void headerLookupIsCaseInsensitiveAndMergesCaseVariants() {
        java.util.Map<String, List<String>> h = new java.util.LinkedHashMap<>();
        h.put("X-A", List.of("1"));
        h.put("x-a", List.of("2"));
        SignableRequest req = new SignableRequest("GET", "/", null, h, null);

        assertThat(req.header("x-A")).isEqualTo("1");
        assertThat(req.headers().get("X-A")).containsExactly("1", "2");
        assertThat(req.header("missing")).isNull();
    }

    @Test
    void payloadHashPrefersXSdkContentSha256() {
        assertThat(SdkHmacSha256.payloadHash(request("PUT", "/", null, "data", "x-sdk-content-sha256",
                "UNSIGNED-PAYLOAD"))).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(SdkHmacSha256.payloadHash(request("PUT", "/", null, null)))
                .isEqualTo(SdkHmacSha256.EMPTY_BODY_SHA256);
    }

    @Test
    void missingSignedHeaderIsReported() {
        SignableRequest req = request("GET", "/", null, null, "Host", "h", "X-Sdk-Date", "20191115T033655Z");
        assertThatThrownBy(() -> SdkHmacSha256.canonicalRequest(req, List.of("host", "x-project-id"), "PH"))
                .isInstanceOf(SignatureException.class)
                .hasMessage("Signed header 'x-project-id' is not present in the request");
    }
}
