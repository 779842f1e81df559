package org.openkps.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rules for statuses no request causes (429, 500, 503) and for answers the story cannot cause
 * ({@code x-no-example}), on a one-operation contract.
 */
class ExampleStoryTest {

    /** showKeypair with a 200 pair and a 503 shown by {@code showAway}, whose x-fault-rule is {@code rule}. */
    private static ExampleStory story(String faultRule, int exampleStatus) {
        return story(faultRule, exampleStatus, "");
    }

    /** The valid story with one more answer, {@code answer} (YAML under {@code responses}). */
    private static ExampleStory storyAnswering(String answer) {
        return story("x-fault-rule: {showAway: {status: 503, error_code: KPS.0003, error_msg: away}}", 503, answer);
    }

    private static ExampleStory story(String faultRule, int exampleStatus, String more) {
        return ExampleStory.fromText("""
                openapi: 3.0.3
                paths:
                  /v3/{project_id}/keypairs/{keypair_name}:
                    get:
                      operationId: showKeypair
                      parameters:
                        - name: keypair_name
                          in: path
                          required: true
                          examples:
                            showLaptop: {value: laptop}
                            showAway: {value: laptop}
                      %s
                      responses:
                        '200':
                          content:
                            application/json:
                              examples:
                                showLaptop: {value: {keypair: {name: laptop}}}
                        '%d':
                          content:
                            application/json:
                              examples:
                                showAway: {value: {error_code: KPS.0003, error_msg: away}}
                        '429':
                          content:
                            application/json: {}
                %s""".formatted(faultRule, exampleStatus, more.indent(8)));
    }

    @Test
    void aFaultStatusIsShownWithTheFaultRuleThatProvokesIt() {
        ExampleStory story = story("x-fault-rule: {showAway: {status: 503, error_code: KPS.0003, error_msg: away}}", 503);

        assertThat(story.problems()).as("429 is declared with no example: no request causes it").isEmpty();
        assertThat(story.steps()).extracting(step -> step.name() + " " + step.status() + " " + step.faultRule())
                .containsExactly("showLaptop 200 null",
                        "showAway 503 {\"status\":503,\"error_code\":\"KPS.0003\",\"error_msg\":\"away\"}");
    }

    @Test
    void aFaultStatusWithoutItsRuleIsAProblem() {
        assertThat(story("", 503).problems())
                .contains("showKeypair 503: no request can cause a 503, yet example showAway shows one without the"
                        + " x-fault-rule that provokes it");
    }

    @Test
    void theRuleMustAnswerTheExamplesStatus() {
        assertThat(story("x-fault-rule: {showAway: {status: 500, error_code: KPS.0004, error_msg: away}}", 503).problems())
                .contains("showKeypair: the x-fault-rule of showAway must answer its example's status 503");
    }

    @Test
    void aStatusARequestCausesNeedsNoRule() {
        assertThat(story("x-fault-rule: {showAway: {status: 400, error_code: KPS.0002, error_msg: away}}", 400).problems())
                .contains("showKeypair: example showAway leads to 400, which a request causes: it needs no x-fault-rule");
    }

    @Test
    void aRuleForNoExampleIsAProblem() {
        assertThat(story("x-fault-rule: {showGone: {status: 503, error_code: KPS.0003, error_msg: away}}", 503).problems())
                .contains("showKeypair: x-fault-rule names showGone, which is no example of the operation");
    }

    @Test
    void aStatusTheStoryCannotCauseSaysWhy() {
        assertThat(storyAnswering("""
                '409':
                  x-no-example: the story's server is never busy
                  content:
                    application/json: {}
                """).problems()).isEmpty();
        assertThat(storyAnswering("""
                '409':
                  content:
                    application/json: {}
                """).problems())
                .containsExactly("showKeypair 409: no example pair causes this status (if the story cannot,"
                        + " x-no-example on the answer says why)");
    }

    @Test
    void noExampleMeansNone() {
        assertThat(storyAnswering("""
                '409':
                  x-no-example: the story's server is never busy
                  content:
                    application/json:
                      examples:
                        showAway: {value: {error_code: KPS.0002, error_msg: busy}}
                """).problems())
                .contains("showKeypair 409: x-no-example says the story cannot cause it, yet an example shows one");
    }

    @Test
    void aFaultStatusNeedsNoReason() {
        assertThat(storyAnswering("""
                '500':
                  x-no-example: nothing causes it
                  content:
                    application/json: {}
                """).problems())
                .containsExactly("showKeypair 500: a fault status needs no x-no-example");
    }
}
