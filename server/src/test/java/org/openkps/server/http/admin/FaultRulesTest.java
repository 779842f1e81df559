package org.openkps.server.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.KpsAnswers.ok;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openkps.server.support.AdminApi;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsServerTest;

import tools.jackson.databind.JsonNode;

/**
 * PUT, GET and DELETE /_openkps/faults: rules are checked against the KPS contract when they are set
 * (an unknown operation, or a status the operation does not declare, is a 400), and read back as set.
 */
@KpsServerTest
class FaultRulesTest extends KpsApiTest {

    @AfterEach
    void clearFaults() {
        admin().clearFaults();
    }

    @Test
    void theRulesReadBackAsSetWithTheirDefaults() {
        JsonNode replaced = ok(admin().putFaults("""
                {"operation": "createKeypair", "status": 429, "error_code": "KPS.0003", "error_msg": "slow down",
                 "retry_after": 2, "times": 3}""", """
                {"operation": "*", "project_id": "p1", "delay_ms": 10, "probability": 0.5}"""));

        JsonNode shown = ok(admin().faults());

        assertThat(shown).isEqualTo(replaced);
        JsonNode first = shown.path("rules").get(0);
        assertThat(first.path("operation").asString()).isEqualTo("createKeypair");
        assertThat(first.path("status").asInt()).isEqualTo(429);
        assertThat(first.path("retry_after").asInt()).isEqualTo(2);
        assertThat(first.path("times").asInt()).isEqualTo(3);
        assertThat(first.path("delay_ms").asInt()).as("default").isZero();
        assertThat(first.path("probability").asDouble()).as("default").isEqualTo(1.0);
        assertThat(first.path("applied").asLong()).isZero();
        assertThat(first.has("project_id")).isFalse();
        JsonNode second = shown.path("rules").get(1);
        assertThat(second.path("project_id").asString()).isEqualTo("p1");
        assertThat(second.has("status")).isFalse();
        assertThat(second.has("times")).as("no limit").isFalse();
    }

    @Test
    void putReplacesAndDeleteRemovesEveryRule() {
        admin().setFaults("""
                {"operation": "showKeypair"}""");
        admin().setFaults("""
                {"operation": "listKeypairs"}""");

        assertThat(ok(admin().faults()).path("rules")).singleElement()
                .satisfies(rule -> assertThat(rule.path("operation").asString()).isEqualTo("listKeypairs"));
        assertThat(admin().clearFaults().status()).isEqualTo(204);
        assertThat(ok(admin().faults()).path("rules")).isEmpty();
    }

    @Test
    void anOperationTheContractDoesNotHaveIsRefused() {
        assertThat(assertInvalid(admin().putFaults("""
                {"operation": "createKeypairs"}""")))
                .isEqualTo("rules[0].operation: 'createKeypairs' is not an operation of the KPS contract");
    }

    @Test
    void aStatusTheOperationDoesNotDeclareIsRefused() {
        assertThat(assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs"}""", """
                {"operation": "createKeypair", "status": 404, "error_code": "KPS.4016", "error_msg": "gone"}""")))
                .isEqualTo("rules[1].status: createKeypair does not declare 404; it declares "
                        + "400, 401, 403, 406, 413, 415, 429, 500, 503");
    }

    @Test
    void aStatusDeclaredByOnlySomeOperationsIsRefusedForTheStar() {
        assertThat(assertInvalid(admin().putFaults("""
                {"operation": "*", "status": 404, "error_code": "KPS.4016", "error_msg": "gone"}""")))
                .startsWith("rules[0].status: createKeypair does not declare 404");
    }

    @Test
    void aDeclaredStatusIsTakenForEveryOperationIncludingTheOnesOnlySomeDeclare() {
        ok(admin().putFaults("""
                {"operation": "showKeypair", "status": 404, "error_code": "KPS.4016", "error_msg": "gone"}""", """
                {"operation": "*", "status": 503, "error_code": "KPS.0003", "error_msg": "down"}"""));
    }

    @Test
    void statusErrorCodeAndErrorMsgComeTogether() {
        assertThat(assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "status": 503}""")))
                .isEqualTo("rules[0]: status, error_code and error_msg come together");
        assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "error_code": "KPS.0003", "error_msg": "down"}"""));
    }

    @Test
    void retryAfterOnlyWith429Or503() {
        assertThat(assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "status": 500, "error_code": "KPS.0004", "error_msg": "x", "retry_after": 1}""")))
                .isEqualTo("rules[0].retry_after: only with status 429 or 503");
        assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "retry_after": 1}"""));
    }

    @Test
    void fieldsOutsideTheirBoundsAreRefusedByTheContract() {
        assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "probability": 1.5}"""));
        assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "times": 0}"""));
        assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "delay_ms": -1}"""));
        assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "status": 200, "error_code": "KPS.0003", "error_msg": "x"}"""));
        assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "status": 503, "error_code": "APIGW.0308", "error_msg": "x"}"""));
        assertInvalid(admin().putFaults("""
                {"project_id": "p1"}"""));
    }

    @Test
    void nullIsNoRuleNorAValue() {
        assertThat(assertInvalid(admin().putFaults("null"))).isEqualTo("rules[0]: must be a fault rule, not null");
        assertThat(assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "delay_ms": null}"""))).isEqualTo("rules[0].delay_ms: must be a number, not null");
        assertThat(assertInvalid(admin().putFaults("""
                {"operation": "listKeypairs", "probability": null}"""))).isEqualTo("rules[0].probability: must be a number, not null");
        assertInvalid(admin().putFaults("""
                {"operation": null}"""));
    }

    @Test
    void aRefusedPutLeavesTheRulesInForce() {
        admin().setFaults("""
                {"operation": "showKeypair"}""");

        assertInvalid(admin().putFaults("""
                {"operation": "nope"}"""));

        assertThat(ok(admin().faults()).path("rules")).singleElement()
                .satisfies(rule -> assertThat(rule.path("operation").asString()).isEqualTo("showKeypair"));
    }

    private AdminApi admin() {
        return new AdminApi(api.http(), AdminApi.TEST_TOKEN);
    }
}
