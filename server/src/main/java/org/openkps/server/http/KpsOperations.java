package org.openkps.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The operations of the KPS contract ({@code openapi/kps.yaml}), read once: which operation a request is
 * (method and path template), and which statuses each declares. Fault rules are matched and checked
 * against it, so that a rule names a real operation and an injected answer is one the contract allows.
 */
final class KpsOperations {

    static final String CONTRACT = "openapi/kps.yaml";
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

    @SuppressWarnings("unchecked")
    static KpsOperations parse(InputStream yaml) {
        Map<String, Object> spec = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (METHODS.contains(method)) {
                Map<String, Object> operation = (Map<String, Object>) value;
                Set<Integer> statuses = new TreeSet<>();
                ((Map<Object, Object>) operation.get("responses")).keySet()
                        .forEach(status -> statuses.add(Integer.valueOf(status.toString())));
                operations.add(new Operation((String) operation.get("operationId"), method.toUpperCase(), path,
                        Set.copyOf(statuses)));
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
