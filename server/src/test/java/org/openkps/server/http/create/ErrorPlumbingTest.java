package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.REQUEST_ID;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.PROJECT;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkps.server.support.Json;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

/** Whatever goes wrong on createKeypair, the answer is a KPS error body with its own request id. */
@KpsServerTest
class ErrorPlumbingTest extends KpsApiTest {

    private static final int ONE_MIB = 1024 * 1024;

    private KpsHttp http;

    @BeforeEach
    void setUp() {
        http = api.http();
    }

    @Test
    void malformedJsonIs400() {
        assertThat(assertInvalid(http.post(ALICE, "keypairs", "{\"keypair\": {\"name\": \"x\""))).contains("JSON");
    }

    @Test
    void anArrayWhereAnObjectBelongsIs400() {
        assertThat(assertInvalid(http.post(ALICE, "keypairs", "[{\"keypair\": {\"name\": \"x\"}}]")))
                .contains("object");
    }

    @Test
    void anUnknownEnumValueIs400NamingTheField() {
        String name = TestCallers.uniqueName("enum");

        assertThat(assertInvalid(api.create(ALICE, """
                "name": %s, "type": "rsa\"""".formatted(Json.str(name))))).contains("keypair.type");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        KpsHttp.Result answer = http.send(http.request(ALICE, "keypairs")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(Json.keypair("\"name\": \"plain\""))));

        assertThat(assertError(answer, 415, "KPS.0002")).contains("text/plain");
    }

    @Test
    void unknownPathsAre404() {
        assertError(http.get(ALICE, "nope"), 404, "KPS.0002");
        assertError(http.send(http.request("/nope")), 404, "KPS.0002");
        assertError(http.send(http.request("/nope").header("X-Auth-Token", ALICE.token())), 404, "KPS.0002");
        assertError(http.send(http.request("/error")), 404, "KPS.0002"); // the error page is no API either
    }

    @Test
    void aMethodThePathDoesNotHaveIs405() {
        KpsHttp.Result answer = http.send(http.request(ALICE, "keypairs")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Json.keypair("\"name\": \"patched\""))));

        assertThat(assertError(answer, 405, "KPS.0002")).contains("PATCH");
        assertThat(answer.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void traceWhichTomcatRefusesItselfIs405WithAKpsBody() {
        KpsHttp.Result answer = http.send(http.request(ALICE, "keypairs")
                .method("TRACE", HttpRequest.BodyPublishers.noBody()));

        assertError(answer, 405, "KPS.0002");
    }

    @Test
    void anEncodedSlashInThePathWhichTomcatRefusesBeforeRoutingIs400WithAKpsBody() {
        assertInvalid(http.get(ALICE, "keypairs/a%2Fb"));
    }

    @Test
    void headersOverTomcatsLimitAre400WithAKpsBody() {
        KpsHttp.Result answer = http.send(http.request(ALICE, "keypairs")
                .header("Content-Type", "application/json")
                .header("X-Padding", "p".repeat(16 * 1024))
                .POST(HttpRequest.BodyPublishers.ofString(Json.keypair("\"name\": \"padded\""))));

        assertInvalid(answer);
    }

    @Test
    void aBodyOverOneMibWithContentLengthIs413() {
        KpsHttp.Result answer = http.send(http.request(ALICE, "keypairs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(oversizedBody())));

        assertThat(assertError(answer, 413, "KPS.0002")).contains("1048576");
    }

    @Test
    void aChunkedBodyOverOneMibIs413() {
        byte[] body = oversizedBody();
        KpsHttp.Result answer = http.send(http.request(ALICE, "keypairs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertThat(assertError(answer, 413, "KPS.0002")).contains("1048576");
    }

    @Test
    void acceptingOnlyTextIs406() {
        KpsHttp.Result answer = http.send(http.request(ALICE, "keypairs")
                .header("Accept", "text/plain")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.keypair(
                        "\"name\": " + Json.str(TestCallers.uniqueName("accept-text"))))));

        assertError(answer, 406, "KPS.0002");
    }

    @Test
    void everyAnswerHasItsOwnRequestId() {
        List<KpsHttp.Result> answers = List.of(
                api.create(ALICE, "\"name\": " + Json.str(TestCallers.uniqueName("request-id"))),
                http.get(ALICE, "keypairs?limit=1"),
                http.get(ALICE, "keypairs?limit=1"),
                http.post(ALICE, "keypairs", "{"),
                http.post(ALICE, "keypairs", "{"),
                api.create(null, "\"name\": \"x\""),
                api.show(ALICE, "missing"),
                http.send(http.request("/nope")),
                http.send(http.request("/v3/" + PROJECT + "/keypairs").method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .header("X-Auth-Token", ALICE.token())));

        Set<String> ids = new HashSet<>();
        for (KpsHttp.Result answer : answers) {
            assertThat(answer.header("X-Request-Id")).matches(REQUEST_ID);
            ids.add(answer.header("X-Request-Id"));
        }
        assertThat(ids).hasSameSizeAs(answers);
    }

    /** Valid JSON, a little over the limit. */
    private static byte[] oversizedBody() {
        String padding = "A".repeat(ONE_MIB + 1024);
        return Json.keypair("\"name\": \"big\", \"public_key\": \"ssh-rsa " + padding + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }
}
