package org.openkps.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * openapi-diff's judgement of a contract against the released one: what a consumer generated from
 * {@code released} would see change, and whether any of it breaks that consumer (a removed
 * operation or field, a request field made required, an enum value dropped, a type changed...).
 * Additions (an operation, an optional request field, a response field) are compatible.
 */
final class ContractCompatibility {

    private ContractCompatibility() {
    }

    static ChangedOpenApi compare(Path released, Path candidate) {
        return OpenApiCompare.fromLocations(released.toUri().toString(), candidate.toUri().toString());
    }

    /** The failure message: incompatible, which operations break and how, and what to do about it. */
    static String incompatibility(ChangedOpenApi diff, Path released, Path candidate) {
        return """
                INCOMPATIBLE CONTRACT CHANGE: %s breaks clients built from the released contract %s.
                What breaks:
                %s
                openapi-diff's report (every change, compatible ones included):
                %s
                Keep the change compatible (add; never remove, rename, narrow or make required), or, for a
                deliberate break, copy kps.yaml over api/baseline/kps.yaml in the same commit, with an
                api/DECISIONS.md entry that says what breaks and why.
                """.formatted(candidate, released, breaks(diff), report(diff));
    }

    /** One line per removed operation and per operation whose parameters, body, answers or security break. */
    static String breaks(ChangedOpenApi diff) {
        List<String> lines = new ArrayList<>();
        for (Endpoint removed : diff.getMissingEndpoints()) {
            lines.add("  - removed: " + removed.getMethod() + " " + removed.getPathUrl());
        }
        for (ChangedOperation op : diff.getChangedOperations()) {
            if (!op.isIncompatible()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            add(parts, "parameters", op.getParameters());
            add(parts, "request body", op.getRequestBody());
            add(parts, "responses", op.getApiResponses());
            add(parts, "security", op.getSecurityRequirements());
            lines.add("  - " + op.getHttpMethod() + " " + op.getPathUrl() + ": "
                    + (parts.isEmpty() ? "changed incompatibly" : String.join(", ", parts) + " changed incompatibly"));
        }
        if (lines.isEmpty()) {
            lines.add("  - (no single operation: see the report)");
        }
        return String.join("\n", lines);
    }

    private static void add(List<String> parts, String name, Changed changed) {
        if (changed != null && changed.isIncompatible()) {
            parts.add(name);
        }
    }

    /** openapi-diff's Markdown report without the descriptions it repeats, indented. */
    static String report(ChangedOpenApi diff) {
        return new MarkdownRender().render(diff).lines()
                .filter(line -> !line.isBlank())
                .filter(line -> !line.strip().startsWith(">"))
                .filter(line -> !line.strip().equals("---"))
                .map(line -> "  " + line)
                .collect(Collectors.joining("\n"));
    }
}
