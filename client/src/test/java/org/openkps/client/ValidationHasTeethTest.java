package org.openkps.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkps.client.KpsStubs.ED25519_PUBLIC_KEY;
import static org.openkps.client.KpsStubs.KEYPAIRS;
import static org.openkps.client.KpsStubs.PROJECT_ID;
import static org.openkps.client.KpsStubs.json;
import static org.openkps.client.KpsStubs.ok;

import com.atlassian.oai.validator.wiremock.OpenApiValidationListener.OpenApiValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;

/**
 * Negative controls: exchanges that break the spec must fail the validation, or the green
 * contract tests would prove nothing. Each test resets the listener once it has seen the failure,
 * so the inherited after-each check passes.
 */
class ValidationHasTeethTest extends ValidatedWireMockTest {

    @AfterEach
    void forgetTheExpectedFailure() {
        // Runs before the superclass's check (JUnit runs subclass @AfterEach methods first).
        listener.reset();
    }

    @Test
    void responseWithABadFingerprintFailsValidation() throws Exception {
        server.stubFor(post(urlEqualTo(KEYPAIRS)).willReturn(ok("""
                {"keypair": {
                  "name": "demo",
                  "type": "ssh",
                  "public_key": "%s",
                  "fingerprint": "zz",
                  "user_id": "e4f380899b1248918f3d37098dc63746"
                }}
                """.formatted(ED25519_PUBLIC_KEY))));

        // The client itself does not validate: it parses what it gets.
        String fingerprint = kps.keypairs().createKeypair(PROJECT_ID, create("demo")).getKeypair().getFingerprint();
        assertThat(fingerprint).isEqualTo("zz");

        assertThatThrownBy(listener::assertValidationPassed)
                .isInstanceOf(OpenApiValidationException.class)
                .hasMessageContaining("fingerprint");
    }

    @Test
    void requestWithABadNameFailsValidation() throws Exception {
        server.stubFor(post(urlEqualTo(KEYPAIRS)).willReturn(KpsStubs.kpsError(400, "KPS.0002", "keypair.name: invalid")));

        assertThatThrownBy(() -> kps.keypairs().createKeypair(PROJECT_ID, create("not a valid name!")))
                .isInstanceOf(KpsException.class);

        assertThatThrownBy(listener::assertValidationPassed)
                .isInstanceOf(OpenApiValidationException.class)
                .hasMessageContaining("keypair/name");
    }

    @Test
    void errorBodyOfAnotherShapeFailsValidation() {
        server.stubFor(get(urlEqualTo(KEYPAIRS + "/demo")).willReturn(json(404, """
                {"code": 404, "message": "not found"}
                """)));

        assertThatThrownBy(() -> kps.keypairs().showKeypair(PROJECT_ID, "demo")).isInstanceOf(KpsException.class);

        assertThatThrownBy(listener::assertValidationPassed)
                .isInstanceOf(OpenApiValidationException.class)
                .hasMessageContaining("error_code");
    }

    @Test
    void malformedRequestIdHeaderFailsValidation() {
        server.stubFor(get(urlEqualTo(KEYPAIRS + "/demo"))
                .willReturn(aResponse().withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Request-Id", "not-a-request-id")
                        .withBody("""
                                {"error_code": "KPS.4016", "error_msg": "key pair 'demo' does not exist"}
                                """)));

        assertThatThrownBy(() -> kps.keypairs().showKeypair(PROJECT_ID, "demo")).isInstanceOf(KpsException.class);

        assertThatThrownBy(listener::assertValidationPassed)
                .isInstanceOf(OpenApiValidationException.class)
                .hasMessageContaining("validation.response.header.schema.pattern");
    }

    private static CreateKeypairRequest create(String name) {
        return new CreateKeypairRequest().keypair(new CreateKeypairAction().name(name));
    }
}
