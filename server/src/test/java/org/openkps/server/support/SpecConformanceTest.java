package org.openkps.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The check every server test relies on has teeth: it flags what breaks the contract. */
class SpecConformanceTest {

    private static final String SHOW = "/v3/" + TestCallers.PROJECT + "/keypairs/demo";
    private static final String REQUEST_ID = "4c8f8a4e2b7d4f0e9a6c1d3b5e7f9a0b";

    @BeforeEach
    @AfterEach
    void clean() {
        SpecConformance.reset();
    }

    @Test
    void aConformingErrorPasses() {
        check(SHOW, 404, "{\"error_code\":\"KPS.4016\",\"error_msg\":\"key pair 'demo' does not exist\"}", REQUEST_ID);

        assertThat(SpecConformance.violations()).isEmpty();
    }

    @Test
    void aBodyThatBreaksItsSchemaIsFlagged() {
        check(SHOW, 404, "{\"error_code\":\"4016\",\"error_msg\":\"key pair 'demo' does not exist\"}", REQUEST_ID);

        assertThat(SpecConformance.violations()).singleElement().asString().contains("error_code");
    }

    @Test
    void aMissingRequestIdIsFlagged() {
        check(SHOW, 404, "{\"error_code\":\"KPS.4016\",\"error_msg\":\"key pair 'demo' does not exist\"}", null);

        assertThat(SpecConformance.violations()).singleElement().asString().contains("X-Request-Id");
    }

    @Test
    void aStatusTheOperationDoesNotDeclareIsFlagged() {
        check(SHOW, 409, "{\"error_code\":\"KPS.0002\",\"error_msg\":\"conflict\"}", REQUEST_ID);

        assertThat(SpecConformance.violations()).hasSize(1);
    }

    @Test
    void notImplementedIsFlagged() {
        check(SHOW, 501, "", REQUEST_ID);

        assertThat(SpecConformance.violations()).singleElement().asString().contains("501");
    }

    @Test
    void anAnswerOffTheContractMustStillBeAKpsError() {
        check("/nope", 404, "<html>not found</html>", REQUEST_ID);

        assertThat(SpecConformance.violations()).singleElement().asString().contains("not a KPS error body");
    }

    @Test
    void theAdminApiIsCheckedAgainstAdminYaml() {
        check("/_openkps/health", 200, "{\"status\":\"UP\"}", REQUEST_ID);
        assertThat(SpecConformance.violations()).isEmpty();

        check("/_openkps/health", 200, "{\"status\":\"SIDEWAYS\"}", REQUEST_ID);
        assertThat(SpecConformance.violations()).singleElement().asString().contains("SIDEWAYS");
    }

    @Test
    void anInjectedGatewayStatusIsInTheContract() {
        check(SHOW, 429, "{\"error_code\":\"KPS.0003\",\"error_msg\":\"slow down\"}", REQUEST_ID);
        check(SHOW, 503, "{\"error_code\":\"KPS.0003\",\"error_msg\":\"down\"}", REQUEST_ID);

        assertThat(SpecConformance.violations()).isEmpty();
    }

    private static void check(String path, int status, String body, String requestId) {
        Request request = new SimpleRequest.Builder("GET", path).withHeader("X-Auth-Token", "t").build();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status)
                .withContentType("application/json")
                .withBody(body.getBytes(StandardCharsets.UTF_8));
        if (requestId != null) {
            response.withHeader("X-Request-Id", requestId);
        }
        SpecConformance.check(request, response.build(), body, SpecConformance.inContract(request));
    }
}
