package org.openkps.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Checks every response the server gives in a test against the contract (kps.yaml, or admin.yaml for
 * the admin API under {@code /_openkps/}), and collects what does not conform. Requests are not judged here (tests send invalid ones on purpose); the client's
 * contract tests judge the requests our client sends.
 */
public final class SpecConformance {

    private static final Contract KPS = Contract.of("openapi/kps.yaml");
    private static final Contract ADMIN = Contract.of("openapi/admin.yaml");

    /**
     * What the server publishes beside the API for browsers, which no KPS contract describes: the contracts
     * themselves, their rendered reference and the root that leads to it (DECISIONS 110). Only their successes
     * and redirects are off the contract; a failure there is still a KPS error.
     */
    private static final Pattern DOCS = Pattern.compile("/|/docs|/docs/[^/]+|/openapi/[^/]+");

    private static final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private static volatile int checked;

    private SpecConformance() {
    }

    /** Validates one exchange; a response to a path or method the contract lacks must still be a KPS error. */
    static void check(Request request, Response response, String bodyText, boolean pathInContract) {
        if (!pathInContract && response.getStatus() < 400 && DOCS.matcher(request.getPath()).matches()) {
            checked++;
            return;
        }
        check(request.getMethod() + " " + request.getPath(), request, response, bodyText, pathInContract);
    }

    /** As above, for a request the validator cannot even model (a method HTTP does not define): off the contract. */
    static void checkOffContract(String method, String path, Response response, String bodyText) {
        check(method + " " + path, null, response, bodyText, false);
    }

    private static void check(String call, Request request, Response response, String bodyText,
                              boolean pathInContract) {
        checked++;
        String exchange = call + " -> " + response.getStatus();
        if (response.getStatus() == 501) {
            violations.add(exchange + ": 501, the operation is not wired to its delegate");
            return;
        }
        if (!pathInContract) {
            String body = bodyText;
            if (!body.matches("(?s)\\{\"error_code\":\"KPS\\.\\d{4}\",\"error_msg\":\".+\"}")
                    || response.getHeaderValue("X-Request-Id").isEmpty()) {
                violations.add(exchange + ": not a KPS error body with X-Request-Id: " + body);
            }
            return;
        }
        ValidationReport report = contractOf(request).validator().validate(request, response);
        if (report.hasErrors()) {
            violations.add(exchange + ": " + report.getMessages());
        }
    }

    /** Whether the contract describes this method on this path at all. */
    static boolean inContract(Request request) {
        ValidationReport report = contractOf(request).routes().validateRequest(request);
        return report.getMessages().stream().noneMatch(m ->
                m.getKey().equals("validation.request.path.missing")
                        || m.getKey().equals("validation.request.operation.notAllowed"));
    }

    public static void reset() {
        violations.clear();
    }

    public static List<String> violations() {
        return List.copyOf(violations);
    }

    public static int checkedCount() {
        return checked;
    }

    /** The admin API (under /_openkps/) follows admin.yaml; everything else kps.yaml. */
    private static Contract contractOf(Request request) {
        return request.getPath().startsWith("/_openkps/") ? ADMIN : KPS;
    }

    /**
     * One contract: a validator of responses, and one that judges requests only to tell whether the
     * contract has the path and method.
     */
    private record Contract(OpenApiInteractionValidator validator, OpenApiInteractionValidator routes) {

        static Contract of(String resource) {
            String spec = spec(resource);
            return new Contract(OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                    .build())
                            .build(),
                    OpenApiInteractionValidator.createForInlineApiSpecification(spec).build());
        }
    }

    private static String spec(String resource) {
        try (InputStream in = SpecConformance.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
