package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsApi.KMS_BY_ID;
import static org.openkps.server.support.TestCallers.ALICE;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** updateKeypairDescription: changes the description and the update time, and nothing else. */
@KpsServerTest
class UpdateKeypairDescriptionTest extends KpsApiTest {

    private final String name = TestCallers.uniqueName("describe");

    /** The detail without the two fields an update may change. */
    private static JsonNode withoutDescriptionAndUpdateTime(JsonNode detail) {
        ObjectNode copy = ((ObjectNode) detail).deepCopy();
        copy.remove("description");
        copy.remove("update_time");
        return copy;
    }

    private JsonNode describe(String description) throws InterruptedException {
        Thread.sleep(5); // so that a new update_time is a later millisecond
        Result answer = api.updateDescription(ALICE, name, description);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.bytes()).as("the body of a successful update").isEmpty();
        return api.detail(ALICE, name);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 40, 255})
    void changesTheDescriptionAndTheUpdateTimeOnly(int length) throws InterruptedException {
        api.generateHosted(ALICE, name, KMS_BY_ID);
        JsonNode before = api.detail(ALICE, name);
        String description = "deploy key \u00e9\u4e2d ".repeat(20).substring(0, length);

        JsonNode after = describe(description);

        assertThat(after.path("description").asString()).isEqualTo(description);
        assertThat(after.path("update_time").asLong()).isGreaterThan(before.path("update_time").asLong())
                .isLessThanOrEqualTo(System.currentTimeMillis());
        assertThat(withoutDescriptionAndUpdateTime(after)).isEqualTo(withoutDescriptionAndUpdateTime(before));
    }

    @Test
    void anEmptyDescriptionIsAllowed() throws InterruptedException {
        api.generate(ALICE, name);
        describe("something");

        assertThat(describe("").path("description").asString()).isEmpty();
    }

    @Test
    void aDescriptionOf256CharactersIsRefusedAndChangesNothing() throws InterruptedException {
        api.generate(ALICE, name);
        JsonNode before = describe("kept");

        Result answer = api.updateDescription(ALICE, name, "x".repeat(256));

        assertError(answer, 400, "KPS.0002");
        assertThat(answer.errorMsg()).contains("description");
        assertThat(api.detail(ALICE, name)).isEqualTo(before);
    }

    /** The contract's maxLength counts characters (Unicode code points, as JSON Schema does), not UTF-16 units. */
    @Test
    void theLengthLimitCountsCharactersNotUtf16Units() throws InterruptedException {
        api.generate(ALICE, name);
        String emoji = "\uD83D\uDD11".repeat(128); // KEY, outside the BMP

        assertThat(describe(emoji).path("description").asString()).isEqualTo(emoji);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul \u0000 inside", "bell \u0007", "escape \u001b[31m"})
    void controlCharactersAreRefused(String description) {
        api.generate(ALICE, name);

        Result answer = api.updateDescription(ALICE, name, description);

        assertError(answer, 400, "KPS.0002");
        assertThat(answer.errorMsg()).startsWith("keypair.description: ");
    }

    @Test
    void tabsAndLineBreaksAreAllowed() throws InterruptedException {
        api.generate(ALICE, name);

        assertThat(describe("line one\r\nline two\tend").path("description").asString())
                .isEqualTo("line one\r\nline two\tend");
    }

    @Test
    void aBodyWithoutDescriptionIsRefused() {
        api.generate(ALICE, name);

        Result answer = api.http().put(ALICE, "keypairs/" + name, """
                {"keypair": {}}""");

        assertError(answer, 400, "KPS.0002");
        assertThat(answer.errorMsg()).contains("description");
    }

    @Test
    void aMissingKeypairIs404() {
        assertNotFound(api.updateDescription(ALICE, name, "nobody"), name);
    }
}
