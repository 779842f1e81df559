package org.openkps.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations of the KPS contract ({@code openapi/kps.yaml}, read from its JSON form), read once: which
 * operation a request is (method and path template), and which statuses each declares. Fault rules are matched
 * and checked against it, so that a rule names a real operation and an injected answer is one the contract allows.
 */
final class KpsOperations {

    static final String CONTRACT = "openapi/kps.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final List<Operation> operations;
    private final List<Route> routes;

    private KpsOperations(List<Operation> operations) {
        this.operations = List.copyOf(operations);
        // Literal paths before templated ones: /keypairs/batch-import is not /keypairs/{keypair_name}.
        this.routes = operations.stream()
                .sorted(Comparator.comparingInt(Operation::templateVariables))
                .map(o -> new Route(o, Pattern.compile(
                        Pattern.quote(o.pathTemplate()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"))))
                .toList();
    }

    /** The operations of the contract on the class path. */
    static KpsOperations fromContract() {
        try (InputStream in = KpsOperations.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException(CONTRACT + " is not on the class path");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the contract as JSON (the build writes {@code kps.yaml} as {@code kps.json} too): reading the YAML
     * took a tenth of a second of every start.
     */
    static KpsOperations parse(InputStream json) {
        JsonNode paths = JsonMapper.shared().readTree(json).required("paths");
        List<Operation> operations = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                JsonNode operation = method.getValue();
                Set<Integer> statuses = new TreeSet<>();
                operation.required("responses").propertyNames()
                        .forEach(status -> statuses.add(Integer.valueOf(status)));
                operations.add(new Operation(operation.required("operationId").asString(),
                        method.getKey().toUpperCase(Locale.ROOT), path.getKey(), Set.copyOf(statuses)));
            }
        }));
        return new KpsOperations(operations);
    }

    /** The operation a request is, by its method and its path (as resolved by the container). */
    Optional<Operation> of(String method, String path) {
        return routes.stream()
                .filter(r -> r.operation().method().equals(method) && r.path().matcher(path).matches())
                .map(Route::operation)
                .findFirst();
    }

    Optional<Operation> named(String operationId) {
        return operations.stream().filter(o -> o.id().equals(operationId)).findFirst();
    }

    List<Operation> all() {
        return operations;
    }

    private record Route(Operation operation, Pattern path) {
    }

    /** One operation: its operationId, method, path template and declared response statuses. */
    record Operation(String id, String method, String pathTemplate, Set<Integer> statuses) {

        int templateVariables() {
            return (int) pathTemplate.chars().filter(c -> c == '{').count();
        }

        /** The error statuses it declares, sorted, as a message lists them. */
        String declaredErrors() {
            return statuses.stream().filter(s -> s >= 400).sorted().map(String::valueOf)
                    .reduce((a, b) -> a + ", " + b).orElse("none");
        }
    }
}
