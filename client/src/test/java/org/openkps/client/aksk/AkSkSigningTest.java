package org.openkps.client.aksk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.wiremock.OpenApiValidationListener;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkps.client.KpsClient;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.KeypairDescriptionUpdate;
import org.openkps.client.model.UpdateKeypairDescriptionRequest;
import org.openkps.signing.Authorization;
import org.openkps.signing.SdkHmacSha256;
import org.openkps.signing.SignableRequest;

/**
 * Our client built with {@code accessKey(ak, sk, fixed clock)} against a WireMock KPS: each request
 * carries {@code X-Sdk-Date} from the clock and an {@code Authorization} that verifies, with
 * {@link SdkHmacSha256#verify}, against the request exactly as WireMock received it; and every
 * exchange still follows the contract (the {@code OpenApiValidationListener} pattern of
 * {@code ValidatedWireMockTest}, rebuilt here because that class is package-private).
 */
class AkSkSigningTest {

    private static final String ACCESS_KEY = "QTWAOYTTINDUT2QVKYUC";
    private static final String SECRET_KEY = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final String PROJECT_ID = "0b7a2f3c9d4e45f6a1b2c3d4e5f60718";
    private static final String KEYPAIRS = "/v3/" + PROJECT_ID + "/keypairs";
    private static final String ED25519_PUBLIC_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFbv1gllJ9SHo5nnVXEmFWGAozU9jGlbsNGeVhwdIWz/ demo";
    private static final String ED25519_FINGERPRINT = "d4:45:b7:bc:08:68:1b:82:98:fd:fa:41:e6:1c:b2:d6";

    static WireMockServer server;
    static OpenApiValidationListener contract;

    KpsClient kps;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort());
        contract = new OpenApiValidationListener(OpenApiInteractionValidator.createForInlineApiSpecification(spec()).build());
        server.addMockServiceRequestListener(contract);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void signingClient() {
        server.resetAll();
        contract.reset();
        kps = KpsClient.builder()
                .endpoint(URI.create(server.baseUrl()))
                .accessKey(ACCESS_KEY, SECRET_KEY, Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    @AfterEach
    void exchangesFollowTheContract() {
        contract.assertValidationPassed();
    }

    @Test
    void aGetWithAQueryIsSignedAsReceived() throws Exception {
        server.stubFor(get(urlEqualTo(KEYPAIRS + "?limit=2&marker=demo_1-a")).willReturn(json("""
                {"keypairs": [], "page_info": {"current_count": 0}}""")));

        kps.keypairs().listKeypairs(PROJECT_ID, 2, "demo_1-a");

        LoggedRequest received = theOnlyRequest();
        assertThat(received.getUrl()).isEqualTo(KEYPAIRS + "?limit=2&marker=demo_1-a");
        assertSignedAndVerifies(received);
    }

    @Test
    void aPostWithABodyIsSignedAsReceived() throws Exception {
        server.stubFor(post(urlEqualTo(KEYPAIRS)).willReturn(json("""
                {"keypair": {"name": "laptop", "type": "ssh", "public_key": "%s", "fingerprint": "%s",
                             "user_id": "e4f380899b1248918f3d37098dc63746"}}""".formatted(ED25519_PUBLIC_KEY,
                ED25519_FINGERPRINT))));

        kps.keypairs().createKeypair(PROJECT_ID, new CreateKeypairRequest()
                .keypair(new CreateKeypairAction().name("laptop").publicKey(ED25519_PUBLIC_KEY)));

        LoggedRequest received = theOnlyRequest();
        assertThat(received.getBodyAsString()).contains("\"public_key\":\"" + ED25519_PUBLIC_KEY + "\"");
        assertThat(received.getHeader("X-Sdk-Content-Sha256")).as("the body is signed, not declared unsigned").isNull();
        Authorization authorization = assertSignedAndVerifies(received);
        assertThat(authorization.signedHeaders()).as("the SDK never signs Content-Type").doesNotContain("content-type");
        assertThat(SdkHmacSha256.verify(asSigned(received, "{}".getBytes(StandardCharsets.UTF_8)), authorization,
                SECRET_KEY)).as("the body is covered").isFalse();
    }

    @Test
    void aPutIsSignedAsReceived() throws Exception {
        server.stubFor(put(urlEqualTo(KEYPAIRS + "/laptop")).willReturn(empty(200)));

        kps.keypairs().updateKeypairDescription(PROJECT_ID, "laptop", new UpdateKeypairDescriptionRequest()
                .keypair(new KeypairDescriptionUpdate().description("signed")));

        assertSignedAndVerifies(theOnlyRequest());
    }

    @Test
    void aDeleteIsSignedAsReceived() throws Exception {
        server.stubFor(delete(urlEqualTo(KEYPAIRS + "/laptop")).willReturn(empty(204)));

        kps.keypairs().deleteKeypair(PROJECT_ID, "laptop");

        LoggedRequest received = theOnlyRequest();
        assertThat(received.getBody()).isEmpty();
        assertSignedAndVerifies(received);
    }

    @Test
    void theSignatureDoesNotVerifyUnderAnotherSecretKeyOrForAnotherQuery() throws Exception {
        server.stubFor(get(urlEqualTo(KEYPAIRS + "?limit=2")).willReturn(json("""
                {"keypairs": [], "page_info": {"current_count": 0}}""")));

        kps.keypairs().listKeypairs(PROJECT_ID, 2, null);

        LoggedRequest received = theOnlyRequest();
        Authorization authorization = Authorization.parse(received.getHeader("Authorization"));
        SignableRequest asReceived = asSigned(received, received.getBody());
        assertThat(SdkHmacSha256.verify(asReceived, authorization, SECRET_KEY)).isTrue();
        assertThat(SdkHmacSha256.verify(asReceived, authorization, "another-secret-key")).isFalse();
        SignableRequest otherQuery = new SignableRequest(asReceived.method(), asReceived.rawPath(), "limit=3",
                asReceived.headers(), asReceived.body());
        assertThat(SdkHmacSha256.verify(otherQuery, authorization, SECRET_KEY)).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The request carries the clock's {@code X-Sdk-Date}, no token, and an SDK-layout
     * {@code Authorization} whose signature verifies against the request as WireMock received it.
     */
    private static Authorization assertSignedAndVerifies(LoggedRequest received) {
        assertThat(received.getHeader("X-Sdk-Date")).isEqualTo("20261127T101530Z");
        assertThat(received.containsHeader("X-Auth-Token")).isFalse();
        String header = received.getHeader("Authorization");
        assertThat(header).matches("SDK-HMAC-SHA256 Access=" + ACCESS_KEY
                + ", SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}");
        Authorization authorization = Authorization.parse(header);
        assertThat(authorization.accessKey()).isEqualTo(ACCESS_KEY);
        assertThat(authorization.signedHeaders()).contains("host", "x-sdk-date").isSorted()
                .doesNotContain("authorization");
        assertThat(SdkHmacSha256.verify(asSigned(received, received.getBody()), authorization, SECRET_KEY))
                .as("signature of %s %s", received.getMethod(), received.getUrl()).isTrue();
        return authorization;
    }

    /** The request as WireMock received it (method, raw path and query, every header), with the given body. */
    private static SignableRequest asSigned(LoggedRequest received, byte[] body) {
        URI url = URI.create(received.getUrl());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : received.getHeaders().all()) {
            headers.put(header.key(), header.values());
        }
        return new SignableRequest(received.getMethod().getName(), url.getRawPath(), url.getRawQuery(), headers, body);
    }

    private static LoggedRequest theOnlyRequest() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", "4c8f8a4e2b7d4f0e9a6c1d3b5e7f9a0b").withBody(body);
    }

    private static ResponseDefinitionBuilder empty(int status) {
        return aResponse().withStatus(status).withHeader("X-Request-Id", "4c8f8a4e2b7d4f0e9a6c1d3b5e7f9a0b");
    }

    private static String spec() {
        try (InputStream in = AkSkSigningTest.class.getClassLoader().getResourceAsStream("openapi/kps.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/kps.yaml is not on the classpath (openkps-api test dependency)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
