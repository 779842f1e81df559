package org.openkps.server.http.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.REQUEST_ID;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.PROJECT;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.Race;
import org.openkps.server.support.RawHttp;
import org.openkps.server.support.RawHttp.Answer;
import org.openkps.server.support.TestCallers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a hostile or broken client sends gets a contract answer: the KPS error body with a request id
 * and the status HTTP prescribes, never a 5xx for the caller's mistake, never "internal error".
 */
@KpsServerTest
class HostileInputTest extends KpsApiTest {

    private static final String KEYPAIRS = "/v3/" + PROJECT + "/keypairs";

    @LocalServerPort
    int port;

    // ---- bodies -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"[null]", "[{\"keypair\": {\"name\": \"ok-name\"}}, null]"})
    void aNullEntryOfABatchImportIs400NamingTheEntry(String body) {
        String message = assertInvalid(api.http().post(ALICE, "keypairs/batch-import", body));

        assertThat(message).containsPattern("\\[[01]\\]");
        assertThat(api.http().get(ALICE, "keypairs/ok-name").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[null]", "[{\"keypair\": {\"name\": \"nope\"}}, null]"})
    void aNullEntryOfABatchExportIs400NamingTheEntry(String body) {
        assertThat(assertInvalid(api.http().post(ALICE, "keypairs/private-key/batch-export", body)))
                .containsPattern("\\[[01]\\]");
    }

    // ---- query strings ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"marker=%zz", "%", "=", "limit=%", "marker=%e2%28"})
    void brokenPercentEncodingInAQueryIs400(String query) {
        Answer answer = raw("GET " + KEYPAIRS + "?" + query + " HTTP/1.1\r\n" + headers() + "\r\n");

        assertKpsAnswer(answer, 400, "KPS.0002");
    }

    // Deleting every failed task takes nothing but the project: these are the only 400s it can give.
    @ParameterizedTest
    @ValueSource(strings = {"/failed-tasks?=", "/failed-tasks?x=%e2%28", "/failed-tasks;x=1"})
    void anOperationThatTakesOnlyTheProjectRefusesABrokenRequestToo(String rest) {
        Answer answer = raw("DELETE /v3/" + PROJECT + rest + " HTTP/1.1\r\n" + headers() + "\r\n");

        assertKpsAnswer(answer, 400, "KPS.0002");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x10", "%D9%A1%D9%A0", "+10", "1e1", "010 ", "10.0", " 10"})
    void limitIsADecimalIntegerAndNothingElse(String limit) {
        assertThat(assertInvalid(api.http().get(ALICE, "keypairs?limit=" + limit.replace(" ", "%20")))).contains("limit");
    }

    @Test
    void aPlainDecimalLimitStillWorks() {
        assertThat(api.http().get(ALICE, "keypairs?limit=010").status()).isEqualTo(200);
    }

    // ---- what HTTP itself refuses ---------------------------------------------------------------

    @Test
    void connectIsRefusedWithAMessageNotAnInternalError() {
        Answer answer = raw("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\n" + headers() + "\r\n");

        assertThat(answer.status()).isBetween(400, 501);
        assertKpsAnswer(answer, answer.status(), "KPS.0002");
        assertThat(answer.errorMsg()).doesNotContain("internal error");
    }

    @Test
    void anUnsupportedTransferEncodingIsRefusedWithAMessage() {
        Answer answer = raw("POST " + KEYPAIRS + " HTTP/1.1\r\n" + headers()
                + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n{}");

        assertThat(answer.status()).isIn(400, 501);
        assertKpsAnswer(answer, answer.status(), "KPS.0002");
        assertThat(answer.errorMsg()).doesNotContain("internal error");
    }

    @Test
    void anUnknownHttpVersionIsRefusedWithAMessage() {
        Answer answer = raw("GET " + KEYPAIRS + " HTTP/9.9\r\n" + headers() + "\r\n");

        assertThat(answer.status()).isIn(400, 505);
        assertKpsAnswer(answer, answer.status(), "KPS.0002");
        assertThat(answer.errorMsg()).doesNotContain("internal error");
    }

    @Test
    void aHugeMethodNameGetsAMessageWithinTheContract() {
        Answer answer = raw("X".repeat(1000) + " " + KEYPAIRS + " HTTP/1.1\r\n" + headers() + "\r\n");

        assertThat(answer.status()).isIn(400, 405, 501);
        assertKpsAnswer(answer, answer.status(), "KPS.0002");
        assertThat(answer.errorMsg().length()).isLessThanOrEqualTo(1024);
    }

    // ---- content negotiation ------------------------------------------------------------------

    @Test
    void anAcceptThatRefusesEverythingIs406AndCreatesNothing() {
        String name = TestCallers.uniqueName("refused");
        KpsHttp.Result answer = api.http().send(api.http().request(ALICE, "keypairs")
                .header("Content-Type", "application/json")
                .header("Accept", "*/*;q=0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"keypair\": {\"name\": \"" + name + "\"}}")));

        assertError(answer, 406, "KPS.0002");
        assertThat(api.http().get(ALICE, "keypairs/" + name).status()).isEqualTo(404);
    }

    // ---- paths --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {";x=1", ";", ";jsessionid=1"})
    void aNameIsWhatThePatternAllowsNothingIsStripped(String suffix) {
        String name = TestCallers.uniqueName("kept");
        api.create(ALICE, NewKeypair.named(name).publicKey(org.openkps.server.support.KpsApi.ED25519_PUBLIC));

        Answer answer = raw("DELETE " + KEYPAIRS + "/" + name + suffix + " HTTP/1.1\r\n" + headers() + "\r\n");

        assertThat(answer.status()).isIn(400, 404);
        assertKpsAnswer(answer, answer.status(), answer.status() == 404 ? answer.errorCode() : "KPS.0002");
        assertThat(api.http().get(ALICE, "keypairs/" + name).status()).isEqualTo(200);
    }

    // ---- races --------------------------------------------------------------------------------

    @Test
    void deletingOneNameFromManyThreadsDeletesItOnceAndAnswersTheRestNotFound() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = TestCallers.uniqueName("raced");
            api.create(ALICE, NewKeypair.named(name).publicKey(org.openkps.server.support.KpsApi.ED25519_PUBLIC));
            AtomicInteger attempt = new AtomicInteger();

            List<Integer> statuses = Race.run(8, () -> {
                attempt.incrementAndGet();
                return api.http().delete(ALICE, "keypairs/" + name).status();
            });

            assertThat(statuses).as("round %d", round).containsOnly(204, 404);
            assertThat(statuses.stream().filter(s -> s == 204)).as("round %d", round).hasSize(1);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Answer raw(String request) {
        return RawHttp.exchange(port, request);
    }

    private String headers() {
        return "Host: 127.0.0.1:" + port + "\r\nX-Auth-Token: " + ALICE.token() + "\r\nConnection: close\r\n";
    }

    /** A contract answer: the status, a request id, and the KPS error body with the code. */
    private static void assertKpsAnswer(Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.headers().get("x-request-id")).as("X-Request-Id").matches(REQUEST_ID);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        assertThat(answer.errorCode()).as("error_code of %s", answer.body()).isEqualTo(code);
        assertThat(answer.errorMsg()).isNotBlank();
    }
}
