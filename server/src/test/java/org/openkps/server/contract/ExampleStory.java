package org.openkps.server.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The named examples of the contract read as one story: each request example (the examples of one name on
 * an operation's parameters and body) with the response example of the same name, in the order that
 * Specmatic runs them and that the contract's description states: paths in file order; within a path POST,
 * GET, PUT, DELETE; within an operation its responses, and their examples, in file order. What breaks the
 * rules that make this a story (an example without its pair, an operation or a client error without
 * examples and without {@value #NO_EXAMPLE}, a name used twice, a path's methods out of that order, a 429,
 * 500 or 503 without the fault rule that provokes it) is reported by {@link #problems()}.
 */
final class ExampleStory {

    /**
     * On an answer that a client can cause but the story cannot (a server busy with a task, on a server that
     * ends each task before it answers): why no example shows it. A fault status needs no reason.
     */
    static final String NO_EXAMPLE = "x-no-example";

    /**
     * The statuses no request causes: Huawei Cloud's gateway may answer them to any call, and the emulator
     * does when a fault rule says so (its admin API), or, 503, when its database does not answer. An example
     * shows one only with the fault rule ({@code x-fault-rule}) that the admin API installs before it.
     */
    static final Set<Integer> FAULT_STATUSES = Set.of(429, 500, 503);

    /** The order in which Specmatic runs the operations of one path. */
    static final List<String> METHODS = List.of("post", "get", "put", "delete");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One example pair: the request to send and the answer it must get. */
    record Step(String operationId, String method, String pathTemplate, String name, int status,
                Map<String, String> pathParams, Map<String, String> queryParams, JsonNode body,
                String mediaType, JsonNode response, SentWith sentWith, JsonNode faultRule) {

        @Override
        public String toString() {
            return operationId + " " + status + " " + name;
        }
    }

    /** What {@code x-sent-with} says about how an example's request differs on the wire. */
    record SentWith(Map<String, String> headers, int bodyPaddedToBytes) {

        static final SentWith NOTHING = new SentWith(Map.of(), 0);
    }

    private final Map<String, Object> contract;
    private final String text;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private ExampleStory(String text) {
        this.text = text;
        this.contract = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        read();
    }

    static ExampleStory fromClasspath() {
        try (InputStream in = ExampleStory.class.getClassLoader().getResourceAsStream("openapi/kps.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/kps.yaml is not on the test classpath");
            }
            return new ExampleStory(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The story of a contract given as text. */
    static ExampleStory fromText(String text) {
        return new ExampleStory(text);
    }

    /** The contract's text, for a validator. */
    String text() {
        return text;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The {@code example} of a schema of {@code components.schemas}. */
    Object schemaExample(String schema) {
        return map(map(map(contract.get("components")).get("schemas")).get(schema)).get("example");
    }

    // ---- reading --------------------------------------------------------------------------

    private void read() {
        Set<String> allNames = new HashSet<>();
        map(contract.get("paths")).forEach((path, item) -> {
            Map<String, Object> pathItem = map(item);
            List<String> methods = pathItem.keySet().stream().filter(k -> !k.equals("parameters")).toList();
            List<String> expectedOrder = METHODS.stream().filter(methods::contains).toList();
            if (!methods.equals(expectedOrder)) {
                problems.add(path + ": methods " + methods + " must come in the order " + METHODS
                        + " (Specmatic runs them so, and the story is read so)");
            }
            for (String method : expectedOrder) {
                readOperation(path, method, list(pathItem.get("parameters")), map(pathItem.get(method)), allNames);
            }
        });
    }

    private void readOperation(String path, String method, List<Object> pathParameters, Map<String, Object> operation,
                               Set<String> allNames) {
        String id = String.valueOf(operation.get("operationId"));

        // Request examples: the names on the parameters and on the body, in the order first written.
        Map<String, Map<String, Object>> paramExamples = new LinkedHashMap<>();
        Map<String, Map<String, Object>> params = new LinkedHashMap<>();
        List<Object> declared = new ArrayList<>(pathParameters);
        declared.addAll(list(operation.get("parameters")));
        for (Object p : declared) {
            Map<String, Object> param = map(resolve(p));
            params.put((String) param.get("name"), param);
            Map<String, Object> examples = map(param.get("examples"));
            if (param.containsKey("example")) {
                problems.add(id + ": parameter " + param.get("name") + " has an unnamed example; name it as the story does");
            }
            paramExamples.put((String) param.get("name"), examples);
        }
        Map<String, Object> bodyExamples = new LinkedHashMap<>();
        Map<String, Object> requestBody = map(resolve(operation.get("requestBody")));
        if (!requestBody.isEmpty()) {
            bodyExamples = map(map(map(requestBody.get("content")).get("application/json")).get("examples"));
        }
        Set<String> requestNames = new LinkedHashSet<>(bodyExamples.keySet());
        paramExamples.values().forEach(examples -> requestNames.addAll(examples.keySet()));

        // Response examples, status by status.
        Map<String, Integer> statusOf = new LinkedHashMap<>();
        Map<String, JsonNode> responseOf = new LinkedHashMap<>();
        Map<String, String> mediaTypeOf = new LinkedHashMap<>();
        Map<Integer, String> mediaTypeOfStatus = new LinkedHashMap<>();
        Set<Integer> unexampled = new HashSet<>();
        List<Integer> statuses = new ArrayList<>();
        Integer success = null;
        for (Map.Entry<String, Object> r : map(operation.get("responses")).entrySet()) {
            int status = Integer.parseInt(r.getKey());
            statuses.add(status);
            Map<String, Object> response = map(resolve(r.getValue()));
            Map<String, Object> content = map(response.get("content"));
            if (response.containsKey(NO_EXAMPLE)) {
                if (FAULT_STATUSES.contains(status)) {
                    problems.add(id + " " + status + ": a fault status needs no " + NO_EXAMPLE);
                }
                unexampled.add(status);
            }
            if (status < 300) {
                if (success != null) {
                    problems.add(id + ": more than one success status");
                }
                success = status;
            }
            if (content.size() > 1) {
                problems.add(id + " " + status + ": more than one media type");
            }
            for (Map.Entry<String, Object> media : content.entrySet()) {
                mediaTypeOfStatus.put(status, media.getKey());
                Map<String, Object> examples = map(map(media.getValue()).get("examples"));
                if (map(media.getValue()).containsKey("example")) {
                    problems.add(id + " " + status + ": an unnamed response example pairs with no request");
                }
                for (Map.Entry<String, Object> e : examples.entrySet()) {
                    if (statusOf.containsKey(e.getKey())) {
                        problems.add(id + ": response example " + e.getKey() + " on two statuses");
                    }
                    statusOf.put(e.getKey(), status);
                    responseOf.put(e.getKey(), JSON.valueToTree(map(resolve(e.getValue())).get("value")));
                    mediaTypeOf.put(e.getKey(), media.getKey());
                }
            }
        }

        // Pairing.
        if (success == null) {
            problems.add(id + ": no success status");
            return;
        }
        boolean successHasBody = mediaTypeOfStatus.containsKey(success);
        for (String name : requestNames) {
            if (!statusOf.containsKey(name)) {
                if (successHasBody) {
                    problems.add(id + ": request example " + name + " has no response example of that name");
                    continue;
                }
                statusOf.put(name, success); // the success answer has no body, so no example to name
            }
        }
        for (String name : statusOf.keySet()) {
            if (!requestNames.contains(name)) {
                problems.add(id + ": response example " + name + " has no request example of that name");
            }
            if (!allNames.add(name)) {
                problems.add(id + ": the example name " + name + " is used twice in the contract");
            }
        }
        for (int status : statuses) {
            List<String> byResponse = statusOf.entrySet().stream().filter(e -> e.getValue() == status)
                    .map(Map.Entry::getKey).filter(requestNames::contains).toList();
            List<String> byRequest = requestNames.stream().filter(byResponse::contains).toList();
            if (!byResponse.equals(byRequest)) {
                problems.add(id + " " + status + ": the response examples " + byResponse
                        + " must come in the order of their requests " + byRequest);
            }
            boolean examined = statusOf.containsValue(status);
            if (!FAULT_STATUSES.contains(status) && !unexampled.contains(status) && !examined) {
                problems.add(id + " " + status + ": no example pair causes this status (if the story cannot, "
                        + NO_EXAMPLE + " on the answer says why)");
            }
            if (unexampled.contains(status) && examined) {
                problems.add(id + " " + status + ": " + NO_EXAMPLE + " says the story cannot cause it, yet an"
                        + " example shows one");
            }
        }
        Map<String, Object> faultRules = map(operation.get("x-fault-rule"));
        statusOf.forEach((name, status) -> {
            Object rule = faultRules.get(name);
            if (FAULT_STATUSES.contains(status) && rule == null) {
                problems.add(id + " " + status + ": no request can cause a " + status + ", yet example " + name
                        + " shows one without the x-fault-rule that provokes it");
            }
            if (rule != null && !FAULT_STATUSES.contains(status)) {
                problems.add(id + ": example " + name + " leads to " + status + ", which a request causes: it needs"
                        + " no x-fault-rule");
            } else if (rule != null && !status.equals(map(rule).get("status"))) {
                problems.add(id + ": the x-fault-rule of " + name + " must answer its example's status " + status);
            }
        });
        for (String name : faultRules.keySet()) {
            if (!requestNames.contains(name)) {
                problems.add(id + ": x-fault-rule names " + name + ", which is no example of the operation");
            }
        }
        params.forEach((name, param) -> {
            if (Boolean.TRUE.equals(param.get("required"))) {
                Set<String> missing = new LinkedHashSet<>(requestNames);
                missing.removeAll(paramExamples.get(name).keySet());
                if (!missing.isEmpty()) {
                    problems.add(id + ": required parameter " + name + " has no example for " + missing);
                }
            }
        });
        if (!requestBody.isEmpty() && Boolean.TRUE.equals(requestBody.get("required"))) {
            Set<String> missing = new LinkedHashSet<>(requestNames);
            missing.removeAll(bodyExamples.keySet());
            if (!missing.isEmpty()) {
                problems.add(id + ": the required body has no example for " + missing);
            }
        }
        Map<String, Object> sentWith = map(operation.get("x-sent-with"));
        for (String name : sentWith.keySet()) {
            if (!requestNames.contains(name)) {
                problems.add(id + ": x-sent-with names " + name + ", which is no example of the operation");
            }
        }

        // The steps: status by status in the order written, each status's examples in the order written.
        for (int status : statuses) {
            for (Map.Entry<String, Integer> pair : statusOf.entrySet()) {
                if (pair.getValue() != status || !requestNames.contains(pair.getKey())) {
                    continue;
                }
                String name = pair.getKey();
                Map<String, String> pathParams = new LinkedHashMap<>();
                Map<String, String> queryParams = new LinkedHashMap<>();
                params.forEach((paramName, param) -> {
                    Object example = paramExamples.get(paramName).get(name);
                    if (example != null) {
                        String value = String.valueOf(map(resolve(example)).get("value"));
                        ("path".equals(param.get("in")) ? pathParams : queryParams).put(paramName, value);
                    }
                });
                Object body = bodyExamples.get(name);
                Object faultRule = faultRules.get(name);
                steps.add(new Step(id, method, path, name, status, pathParams, queryParams,
                        body == null ? null : JSON.valueToTree(map(resolve(body)).get("value")),
                        mediaTypeOf.get(name), responseOf.get(name), sentWith(id, name, sentWith.get(name)),
                        faultRule == null ? null : JSON.valueToTree(faultRule)));
            }
        }
    }

    private SentWith sentWith(String id, String name, Object declared) {
        if (declared == null) {
            return SentWith.NOTHING;
        }
        Map<String, Object> how = map(declared);
        Map<String, String> headers = new LinkedHashMap<>();
        map(how.get("headers")).forEach((header, value) -> headers.put(header, value == null ? null : value.toString()));
        Object padding = how.get("bodyPaddedToBytes");
        for (String key : how.keySet()) {
            if (!key.equals("headers") && !key.equals("bodyPaddedToBytes")) {
                problems.add(id + ": x-sent-with of " + name + " says " + key + ", which the story cannot send");
            }
        }
        return new SentWith(headers, padding == null ? 0 : ((Number) padding).intValue());
    }

    // ---- YAML helpers ----------------------------------------------------------------------

    /** Follows a local {@code $ref} ({@code #/components/...}). */
    private Object resolve(Object node) {
        Map<String, Object> object = map(node);
        if (!object.containsKey("$ref")) {
            return node;
        }
        String ref = (String) object.get("$ref");
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only local references are supported: " + ref);
        }
        Object target = contract;
        for (String part : ref.substring(2).split("/")) {
            target = map(target).get(part.replace("~1", "/").replace("~0", "~"));
            if (target == null) {
                throw new IllegalStateException("unresolved reference " + ref);
            }
        }
        return resolve(target);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node == null ? new LinkedHashMap<>() : (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
