package org.openkps.client;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkps.client.KpsStubs.KEYPAIRS;
import static org.openkps.client.KpsStubs.PROJECT_ID;
import static org.openkps.client.KpsStubs.TOKEN;
import static org.openkps.client.KpsStubs.empty;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkps.client.api.KeypairsApi;
import org.openkps.client.api.PrivateKeysApi;
import org.openkps.client.invoker.ApiException;

/**
 * The client's own plumbing: building, the credential, timeouts. Some requests here (a gateway path
 * prefix) are outside the spec on purpose, so this class uses a WireMock server with no validation.
 */
class KpsClientTest {

    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void builderSetsEndpointTokenAndTimeouts() throws Exception {
        server.stubFor(delete(urlEqualTo(KEYPAIRS + "/demo/private-key")).willReturn(empty(200)));
        KpsClient kps = KpsClient.builder()
                .endpoint(URI.create(server.baseUrl()))
                .token(TOKEN)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .build();

        kps.privateKeys().clearPrivateKey(PROJECT_ID, "demo");

        assertThat(kps.endpoint()).isEqualTo(URI.create(server.baseUrl()));
        server.verify(1, deleteRequestedFor(urlEqualTo(KEYPAIRS + "/demo/private-key"))
                .withHeader("X-Auth-Token", equalTo(TOKEN)));
    }

    @Test
    void endpointKeepsAPathPrefixAndDropsATrailingSlash() throws Exception {
        String prefixed = "/gateway/kps" + KEYPAIRS + "/demo";
        server.stubFor(delete(urlEqualTo(prefixed)).willReturn(empty(204)));
        KpsClient kps = KpsClient.withToken(URI.create(server.baseUrl() + "/gateway/kps/"), TOKEN);

        kps.keypairs().deleteKeypair(PROJECT_ID, "demo");

        assertThat(kps.endpoint().toString()).endsWith("/gateway/kps");
        server.verify(1, deleteRequestedFor(urlEqualTo(prefixed)));
    }

    @Test
    void aCallersOwnTokenHeaderDoesNotDuplicateTheCredential() throws Exception {
        server.stubFor(get(urlEqualTo(KEYPAIRS + "/demo")).willReturn(KpsStubs.ok("{}")));
        KpsClient kps = KpsClient.withToken(URI.create(server.baseUrl()), TOKEN);

        kps.keypairs().showKeypair(PROJECT_ID, "demo", Map.of("X-Auth-Token", "other"));

        var sent = server.findAll(getRequestedFor(urlEqualTo(KEYPAIRS + "/demo"))).get(0);
        assertThat(sent.getHeaders().getHeader("X-Auth-Token").values()).containsExactly(TOKEN);
    }

    @Test
    void bothApisOfOneClientShareOneHttpClient() throws Exception {
        KpsClient kps = KpsClient.builder()
                .endpoint(URI.create(server.baseUrl()))
                .token(TOKEN)
                .connectTimeout(Duration.ofSeconds(3))
                .build();

        HttpClient keypairs = httpClientOf(kps.keypairs(), KeypairsApi.class);
        HttpClient privateKeys = httpClientOf(kps.privateKeys(), PrivateKeysApi.class);

        assertThat(keypairs).isSameAs(privateKeys);
        assertThat(keypairs.connectTimeout()).contains(Duration.ofSeconds(3));
        // One per KpsClient, not one for the whole JVM: another client may have other timeouts.
        KpsClient other = KpsClient.withToken(URI.create(server.baseUrl()), TOKEN);
        assertThat(httpClientOf(other.keypairs(), KeypairsApi.class)).isNotSameAs(keypairs);
    }

    /** The HttpClient a generated API copied from its ApiClient when it was constructed. */
    private static HttpClient httpClientOf(Object api, Class<?> generatedApi) throws ReflectiveOperationException {
        Field field = generatedApi.getDeclaredField("memberVarHttpClient");
        field.setAccessible(true);
        return (HttpClient) field.get(api);
    }

    @Test
    void readTimeoutEndsASlowCall() {
        server.stubFor(get(urlEqualTo(KEYPAIRS + "/demo")).willReturn(KpsStubs.ok("{}").withFixedDelay(2_000)));
        KpsClient kps = KpsClient.builder()
                .endpoint(URI.create(server.baseUrl()))
                .token(TOKEN)
                .readTimeout(Duration.ofMillis(200))
                .build();

        assertThatThrownBy(() -> kps.keypairs().showKeypair(PROJECT_ID, "demo"))
                .isInstanceOf(ApiException.class)
                .isNotInstanceOf(KpsException.class) // no answer came back: nothing to type
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void tokenNeverShowsInToString() {
        KpsClient kps = KpsClient.withToken(URI.create("http://127.0.0.1:8080"), TOKEN);

        assertThat(kps.toString())
                .isEqualTo("KpsClient[endpoint=http://127.0.0.1:8080, credentials=token]")
                .doesNotContain(TOKEN);
    }

    @Test
    void buildRequiresEndpointAndCredential() {
        assertThatThrownBy(() -> KpsClient.builder().token(TOKEN).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("endpoint");
        assertThatThrownBy(() -> KpsClient.builder().endpoint(URI.create("http://127.0.0.1:8080")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("token");
    }

    @Test
    void badInputIsRefusedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> KpsClient.withToken(URI.create("http://127.0.0.1:8080"), " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KpsClient.withToken(URI.create("http://127.0.0.1:8080"), "abc\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("abc");
        assertThatThrownBy(() -> KpsClient.withToken(URI.create("http://user:s3cret@127.0.0.1:8080"), TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("s3cret");
        assertThatThrownBy(() -> KpsClient.withToken(URI.create("127.0.0.1:8080"), TOKEN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KpsClient.builder().readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
