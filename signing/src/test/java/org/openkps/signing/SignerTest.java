package org.openkps.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkps.signing.TestRequests.headers;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2019-11-15T03:36:55.123Z"), ZoneOffset.UTC);
    private static final Signer SIGNER = new Signer("AccessKey", "SecretKey", CLOCK);

    /** What the server sees: the sent headers plus the added ones plus the Host the HTTP client set. */
    private static SignableRequest arrived(String method, URI uri, Map<String, List<String>> sent,
                                           Map<String, String> added, byte[] body) {
        Map<String, List<String>> h = new LinkedHashMap<>(sent);
        added.forEach((k, v) -> h.put(k, List.of(v)));
        h.putIfAbsent("Host", List.of(Signer.hostHeader(uri)));
        return new SignableRequest(method, uri.getRawPath(), uri.getRawQuery(), h, body);
    }

    @Test
    void reproducesTheSdkVector() {
        URI uri = URI.create("https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs"
                + "?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0");

        Map<String, String> added = SIGNER.sign("GET", uri, Map.of(), null);

        assertThat(added).containsExactly(
                Map.entry("X-Sdk-Date", "20191115T033655Z"),
                Map.entry("Authorization", "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, "
                        + "Signature=fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d"));
    }

    @Test
    void kpsCreateKeypairRoundTrip() {
        URI uri = URI.create("http://localhost:8080/v3/0123456789abcdef0123456789abcdef/keypairs");
        Map<String, List<String>> sent = headers(
                "User-Agent", "openkps-client/0.1",
                "X-Project-Id", "0123456789abcdef0123456789abcdef",
                "Content-Type", "application/json;charset=UTF-8");
        byte[] body = "{\"keypair\":{\"name\":\"demo\"}}".getBytes(StandardCharsets.UTF_8);

        Map<String, String> added = SIGNER.sign("POST", uri, sent, body);
        Authorization auth = Authorization.parse(added.get("Authorization"));

        // The same header set the official Java SDK signs for this call.
        assertThat(auth.signedHeaders()).containsExactly("host", "user-agent", "x-project-id", "x-sdk-date");
        assertThat(auth.accessKey()).isEqualTo("AccessKey");
        SignableRequest req = arrived("POST", uri, sent, added, body);
        assertThat(req.header("Host")).isEqualTo("localhost:8080");
        assertThat(SdkHmacSha256.verify(req, auth, "SecretKey")).isTrue();
        assertThat(SdkHmacSha256.verify(arrived("POST", uri, sent, added, "{}".getBytes(StandardCharsets.UTF_8)),
                auth, "SecretKey")).isFalse();
    }

    @Test
    void roundTripWithEncodedPathAndQuery() {
        URI uri = URI.create("https://kps.example.com/v3/p/keypairs/caf%C3%A9%20key%2F1?b=%E2%82%AC&a=x+y&a=1&flag");

        Map<String, String> added = SIGNER.sign("DELETE", uri, null, null);
        SignableRequest req = arrived("DELETE", uri, Map.of(), added, null);

        assertThat(SdkHmacSha256.verify(req, Authorization.parse(added.get("Authorization")), "SecretKey")).isTrue();
        assertThat(SdkHmacSha256.canonicalUri(uri.getRawPath())).isEqualTo("/v3/p/keypairs/caf%C3%A9%20key%2F1/");
        assertThat(SdkHmacSha256.canonicalQueryString(uri.getRawQuery())).isEqualTo("a=x%2By&a=1&b=%E2%82%AC&flag=");
    }

    @Test
    void signsWhatIsSentExceptContentTypeAuthorizationAndUnderscoreNames() {
        Map<String, List<String>> sent = headers(
                "Content-Type", "application/json",
                "Authorization", "stale",
                "X_Legacy", "1",
                "X-Security-Token", "token",
                "Accept", "application/json");

        Map<String, String> added = SIGNER.sign("GET", URI.create("https://h.example.com/"), sent, null);

        assertThat(Authorization.parse(added.get("Authorization")).signedHeaders())
                .containsExactly("accept", "host", "x-sdk-date", "x-security-token");
        assertThat(Signer.headersToSign(List.of("Content-Type", "content-type", "AUTHORIZATION", "a_b", "X-B", "x-a")))
                .containsExactly("x-a", "x-b");
    }

    @Test
    void callerSuppliedDateAndHostAreUsed() {
        Map<String, List<String>> sent = headers("X-Sdk-Date", "20200101T000000Z", "Host", "proxy.example.com");
        URI uri = URI.create("https://h.example.com:8443/x");

        Map<String, String> added = SIGNER.sign("GET", uri, sent, null);

        assertThat(added).containsOnlyKeys("Authorization"); // X-Sdk-Date is already there
        SignableRequest req = new SignableRequest("GET", "/x", null, merge(sent, added), null);
        assertThat(SdkHmacSha256.verify(req, Authorization.parse(added.get("Authorization")), "SecretKey")).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "http://localhost:8080/v3, localhost:8080",
        "http://localhost/v3, localhost",
        "http://localhost:80/v3, localhost",
        "https://kps.example.com:443/v3, kps.example.com",
        "https://kps.example.com:8443/v3, kps.example.com:8443",
        "http://kps.example.com:443/v3, kps.example.com:443",
        "http://user:pw@localhost:8080/v3, localhost:8080",
        "http://[::1]:8080/v3, [::1]:8080",
    })
    void hostHeaderKeepsNonDefaultPort(String uri, String host) {
        assertThat(Signer.hostHeader(URI.create(uri))).isEqualTo(host);
    }

    @Test
    void rejectsMissingInputs() {
        assertThatThrownBy(() -> new Signer("", "sk", CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Signer("ak", null, CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SIGNER.sign("GET", URI.create("/relative"), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URI has no host");
    }

    private static Map<String, List<String>> merge(Map<String, List<String>> sent, Map<String, String> added) {
        Map<String, List<String>> h = new LinkedHashMap<>(sent);
        added.forEach((k, v) -> h.put(k, new ArrayList<>(List.of(v))));
        return h;
    }
}
