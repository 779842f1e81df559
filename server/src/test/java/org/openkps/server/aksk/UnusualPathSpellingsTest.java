package org.openkps.server.aksk;

import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.TestCallers.CAROL;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same API path spelled so that the raw URI does not start with {@code /v3/} while the router
 * still finds the operation: such a request must be authenticated like any other, never reach the
 * API without credentials (it used to, and failed there with 500 {@code KPS.0004}).
 */
@KpsServerTest
class UnusualPathSpellingsTest {

    private static final String P = TestCallers.PROJECT;

    @LocalServerPort
    int port;

    KpsHttp http;

    @BeforeEach
    void client() {
        http = new KpsHttp(port);
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {
        "/v3;x=1/" + P + "/keypairs",
        "/%76%33/" + P + "/keypairs",
        "/v3/x/../" + P + "/keypairs",
        "/v3/" + P + ";x=1/keypairs",
        "/v3/" + P + "/keypairs;x=1",
    })
    void withoutCredentialsItIs401(String path) {
        KpsHttp.Result result = http.send(raw(path));

        assertError(result, 401, "KPS.9001");
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {
        "/v3;x=1/" + P + "/keypairs",
        "/%76%33/" + P + "/keypairs",
    })
    void withAnotherProjectsTokenItIsNeverAnswered(String path) {
        KpsHttp.Result result = http.send(raw(path).header("X-Auth-Token", CAROL.token()));

        assertError(result, 403, "KPS.9003");
    }

    /** The URI exactly as written: java.net.URI#resolve would read "//v3" as a host, and could normalize. */
    private HttpRequest.Builder raw(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    }
}
