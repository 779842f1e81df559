package org.openkps.wiremock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.wiremock.OpenApiValidationListener;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappingCollection;

/**
 * KPS v3 stubbed in a WireMock server: every operation answers the examples of the KPS contract
 * ({@code org.openkps:openkps-api}), made into stub mappings when this artifact was built, and every request
 * the server receives, with the answer it got, is checked against the contract.
 *
 * <pre>{@code
 * WireMockServer wireMock = new WireMockServer(options().dynamicPort());
 * wireMock.start();
 * OpenKpsStubs kps = OpenKpsStubs.register(wireMock);
 * // ... point the code under test at wireMock.baseUrl() ...
 * kps.assertRequestsConform();   // fails, saying why, if a request broke the contract
 * }</pre>
 *
 * Which request gets which answer (a key-pair name, a project, a header) is listed in
 * {@code openkps/wiremock/STUBS.md} in this jar, and {@link #stubsGuide()} returns it. The mappings are
 * plain WireMock JSON under {@code openkps/wiremock/mappings/}, for a WireMock that runs on its own.
 */
public final class OpenKpsStubs {

    private static final String ROOT = "openkps/wiremock/";
    private static final String CONTRACT = "openapi/kps.yaml";

    private final WireMockServer server;
    private final OpenApiValidationListener listener;

    private OpenKpsStubs(WireMockServer server, OpenApiValidationListener listener) {
        this.server = server;
        this.listener = listener;
    }

    /** Adds the KPS stubs to the server, and the check of every request and answer against the contract. */
    public static OpenKpsStubs register(WireMockServer server) {
        stubMappings().forEach(server::addStubMapping);
        OpenApiValidationListener listener = new OpenApiValidationListener(
                OpenApiInteractionValidator.createForInlineApiSpecification(contract()).build());
        server.addMockServiceRequestListener(listener);
        return new OpenKpsStubs(server, listener);
    }

    /** The KPS stub mappings, fresh copies, in the order the build wrote them. */
    public static List<StubMapping> stubMappings() {
        List<StubMapping> mappings = new ArrayList<>();
        for (String file : text(ROOT + "mappings.txt").split("\n")) {
            if (!file.isBlank()) {
                mappings.addAll(Json.read(text(ROOT + "mappings/" + file.strip()), StubMappingCollection.class)
                        .getMappingOrMappings());
            }
        }
        return mappings;
    }

    /** The KPS contract the requests are checked against, as {@code openkps-api} carries it. */
    public static String contract() {
        return text(CONTRACT);
    }

    /** Which request gets which answer, per operation (Markdown). */
    public static String stubsGuide() {
        return text(ROOT + "STUBS.md");
    }

    /** What broke the contract so far: the requests sent, and the answers given (one line each). */
    public List<String> violations() {
        ValidationReport report = listener.getReport();
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(OpenKpsStubs::describe).toList();
    }

    /** Fails, listing them, if any request (or answer) broke the KPS contract since the last {@link #reset()}. */
    public void assertRequestsConform() {
        List<String> violations = violations();
        if (!violations.isEmpty()) {
            throw new AssertionError("requests to the KPS stubs that break the KPS contract:\n"
                    + violations.stream().map(v -> "  - " + v).collect(Collectors.joining("\n")));
        }
    }

    /** Forgets what was checked, and starts the answers given in turn (creating a name twice) over. */
    public void reset() {
        listener.reset();
        server.resetScenarios();
    }

    private static String describe(ValidationReport.Message message) {
        ValidationReport.MessageContext context = message.getContext().orElse(ValidationReport.MessageContext.empty());
        String where = context.getRequestMethod().map(Enum::name).orElse("") + " " + context.getRequestPath().orElse("");
        String side = context.getLocation().map(l -> l == ValidationReport.MessageContext.Location.RESPONSE
                ? " (the answer)" : "").orElse("");
        return where.strip() + side + ": " + message.getMessage() + " [" + message.getKey() + "]";
    }

    private static String text(String resource) {
        try (InputStream in = OpenKpsStubs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (org.openkps:openkps-wiremock, "
                        + "org.openkps:openkps-api)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
