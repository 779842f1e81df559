package org.openkps.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stubbed KPS for JUnit 5 tests: a WireMock server on a free loopback port with {@link OpenKpsStubs},
 * fresh for each test (the KPS stubs only, answers in turn started over), and each test fails if a request
 * it caused broke the KPS contract.
 *
 * <pre>{@code
 * @RegisterExtension
 * static OpenKpsWireMock kps = new OpenKpsWireMock();
 *
 * @Test
 * void listsKeyPairs() {
 *     MyKpsCode code = new MyKpsCode(kps.baseUrl());
 *     ...
 * }
 * }</pre>
 */
public final class OpenKpsWireMock implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private WireMockServer server;
    private OpenKpsStubs stubs;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        stubs = OpenKpsStubs.register(server);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server().resetAll();
        OpenKpsStubs.stubMappings().forEach(server::addStubMapping);
        stubs.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stubs.assertRequestsConform();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    /** Where the stubbed KPS listens: the endpoint to give the code under test ({@code http://127.0.0.1:<port>}). */
    public String baseUrl() {
        return server().baseUrl();
    }

    /** The WireMock server, to add stubs of your own or verify what was sent. */
    public WireMockServer server() {
        if (server == null) {
            throw new IllegalStateException("OpenKpsWireMock runs as a static @RegisterExtension field");
        }
        return server;
    }

    /** The stubs and the contract check, to look at what broke the contract before the test ends. */
    public OpenKpsStubs stubs() {
        server();
        return stubs;
    }
}
