package org.openkps.client;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.openkps.client.KpsStubs.TOKEN;

import com.atlassian.oai.validator.wiremock.OpenApiValidationListener;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A WireMock KPS whose every exchange is checked against the spec: the request the client sent
 * and the response the stub gave. A test fails after the fact if either breaks the contract.
 */
abstract class ValidatedWireMockTest {

    static WireMockServer server;
    static OpenApiValidationListener listener;

    KpsClient kps;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort());
        listener = KpsStubs.validationListener();
        server.addMockServiceRequestListener(listener);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServerAndClient() {
        server.resetAll();
        listener.reset();
        kps = KpsClient.withToken(URI.create(server.baseUrl()), TOKEN);
    }

    @AfterEach
    void exchangesFollowTheContract() {
        listener.assertValidationPassed();
    }

    /** The request was made exactly once, and carried the token. */
    static void verifySentWithToken(RequestPatternBuilder request) {
        server.verify(1, request.withHeader("X-Auth-Token", equalTo(TOKEN)));
    }
}
