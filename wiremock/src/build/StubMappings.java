import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Build step of the wiremock module (run by exec-maven-plugin as a single-file Java program, never
 * shipped): WireMock stub mappings made from the contract's example pairs, so that they cannot drift from
 * it. Per operation, from its examples in the story's order (api/DECISIONS.md, 45):
 * <ol>
 *   <li>an example sent with a header ({@code x-sent-with}: a token, {@code Accept}, {@code Content-Type})
 *       or a padded body answers every request of the operation that carries that header, or a body that
 *       long (priority 100+);</li>
 *   <li>every other example answers the requests that carry the fewest of its values (path and query
 *       parameters, body fields) that no example with another answer shares: a key pair's name, a project,
 *       a marker (errors 200+, successes 300+); examples whose requests are identical answer in turn, as a
 *       WireMock scenario (creating demo twice: 200, then 400);</li>
 *   <li>the operation's first success example answers anything else (priority 900).</li>
 * </ol>
 * Writes {@code mappings/<operationId>.json} ({@code {"mappings": [...]}}, as WireMock reads a mappings
 * directory), {@code mappings.txt} (their names, for loading from a jar) and {@code STUBS.md} (how to ask
 * for each answer).
 *
 * <p>Usage: {@code java -cp <jackson> StubMappings.java <kps.yaml> <output dir>}
 */
public class StubMappings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("post", "get", "put", "delete", "patch");

    /** One value a request example carries: a path or query parameter, or a leaf of its JSON body. */
    record Facet(String kind, String name, JsonNode value) {

        String describe() {
            String shown = value.isTextual() ? value.asText() : value.toString();
            return switch (kind) {
                case "path" -> "path `" + name + "` = " + quoted(shown);
                case "query" -> "query `" + name + "` = " + quoted(shown);
                default -> "body `" + name.substring(1).replace("['", ".").replace("']", "").replaceFirst("^\\.", "")
                        + "` = " + quoted(shown);
            };
        }

        private static String quoted(String value) {
            StringBuilder escaped = new StringBuilder();
            value.codePoints().forEach(c -> escaped.append(c == '\n' ? "\\n"
                    : Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
            String oneLine = escaped.toString();
            return oneLine.length() > 48 ? "`" + oneLine.substring(0, 40) + "...` (the example's value)" : "`" + oneLine + "`";
        }
    }

    /** What an example answers. */
    record Answer(int status, String mediaType, JsonNode body) {
    }

    /** One request example and the answer it is paired with. */
    record Example(String name, String summary, List<Facet> facets, Map<String, String> sentWithHeaders,
                   int paddedToBytes, Answer answer) {

        boolean sentWith() {
            return !sentWithHeaders.isEmpty() || paddedToBytes > 0;
        }
    }

    private final JsonNode contract;

    StubMappings(JsonNode contract) {
        this.contract = contract;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StubMappings <kps.yaml> <output dir>");
            System.exit(2);
        }
        JsonNode contract = new YAMLMapper().readTree(Path.of(args[0]).toFile());
        new StubMappings(contract).write(Path.of(args[1]));
    }

    void write(Path out) throws IOException {
        Path mappings = out.resolve("mappings");
        Files.createDirectories(mappings);
        StringBuilder index = new StringBuilder();
        StringBuilder doc = new StringBuilder("""
                # openkps WireMock stubs

                Made at build time from the KPS contract's example pairs. A request of an operation gets the
                first answer below whose way of asking it matches; anything else gets the operation's first
                success example. "In turn" means the same request answers the next example each time (a
                WireMock scenario; `resetScenarios()` starts over).
                """);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        for (Map.Entry<String, JsonNode> path : contract.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                String id = operation.path("operationId").asText();
                List<Example> examples = examples(path.getValue(), operation);
                ArrayNode stubs = JSON.createArrayNode();
                doc.append("\n## ").append(id).append(": `").append(method.toUpperCase()).append(' ')
                        .append(path.getKey()).append("`\n\n| answer | example | asked for with |\n|---|---|---|\n");
                stubsOf(id, method, path.getKey(), operation, examples, stubs, doc);
                ObjectNode file = JSON.createObjectNode();
                file.set("mappings", stubs);
                Files.writeString(mappings.resolve(id + ".json"), JSON.writer(pretty).writeValueAsString(file) + "\n",
                        StandardCharsets.UTF_8);
                index.append(id).append(".json\n");
            }
        }
        Files.writeString(out.resolve("mappings.txt"), index.toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("STUBS.md"), doc.toString(), StandardCharsets.UTF_8);
    }

    // ---- the stubs of one operation ------------------------------------------------------------

    private void stubsOf(String id, String method, String path, JsonNode operation, List<Example> examples,
                         ArrayNode stubs, StringBuilder doc) {
        List<Map.Entry<Integer, String>> rows = new ArrayList<>();
        // An operation whose success the story cannot cause (x-no-example: deleteFailedTask, as no task of the
        // story fails) answers any other request with its 404: the stubs hold nothing it could act on.
        Example first = examples.stream().filter(e -> !e.sentWith() && e.answer().status() < 300).findFirst()
                .or(() -> examples.stream().filter(e -> !e.sentWith() && e.answer().status() == 404).findFirst())
                .orElseThrow(() -> new IllegalStateException(id + ": no success or 404 example to answer with"));
        Map<String, String> headers = responseHeaders(operation);
        int order = 0;
        for (Example example : examples) {
            order++;
            if (!example.sentWith()) {
                continue;
            }
            ObjectNode request = request(method, path, List.of());
            if (!example.sentWithHeaders().isEmpty()) {
                ObjectNode matchers = request.putObject("headers");
                example.sentWithHeaders().forEach((header, value) -> matchers.set(header, headerMatcher(header, value)));
            }
            if (example.paddedToBytes() > 0) {
                request.putArray("bodyPatterns").addObject().put("matches", "[\\s\\S]{" + example.paddedToBytes() + ",}");
            }
            String asked = example.paddedToBytes() > 0 ? "a body of " + example.paddedToBytes() + " bytes or more"
                    : example.sentWithHeaders().entrySet().stream().map(h -> "header `" + h.getKey() + ": " + h.getValue() + "`")
                            .reduce((a, b) -> a + " and " + b).orElseThrow();
            stubs.add(stub(id, example, request, headers, 100 + order, asked, null, null));
            rows.add(Map.entry(100 + order, row(example, asked)));
        }

        // Plain examples: identical requests form one unit, answered in turn.
        List<List<Example>> units = new ArrayList<>();
        for (Example example : examples) {
            if (example.sentWith()) {
                continue;
            }
            units.stream().filter(unit -> unit.get(0).facets().equals(example.facets())).findFirst()
                    .ifPresentOrElse(unit -> unit.add(example), () -> units.add(new ArrayList<>(List.of(example))));
        }
        for (List<Example> unit : units) {
            List<Example> turns = inTurn(unit);
            if (turns.size() == 1 && turns.get(0).answer().equals(first.answer())) {
                continue; // the catch-all answers it
            }
            List<Facet> asked = discriminator(unit, units);
            int tier = turns.get(0).answer().status() < 300 ? 300 : 200;
            int priority = tier + examples.indexOf(unit.get(0)) + 1;
            String how = asked.stream().map(Facet::describe).reduce((a, b) -> a + " and " + b).orElse("any request");
            for (int turn = 0; turn < turns.size(); turn++) {
                Example example = turns.get(turn);
                String scenario = turns.size() == 1 ? null : id + ": " + turns.stream().map(Example::name).reduce((a, b) -> a + ", " + b).orElseThrow();
                String state = turn == 0 ? "Started" : example.name();
                String next = turn + 1 < turns.size() ? turns.get(turn + 1).name() : null;
                ObjectNode stub = stub(id, example, request(method, path, asked), headers, priority, how, scenario == null ? null : state, next);
                if (scenario != null) {
                    stub.put("scenarioName", scenario);
                }
                stubs.add(stub);
                rows.add(Map.entry(priority, row(example, turns.size() == 1 ? how : how + ", in turn (" + (turn + 1) + ")")));
            }
        }
        stubs.add(stub(id, first, request(method, path, List.of()), headers, 900, "any other request", null, null));
        rows.add(Map.entry(900, row(first, "any other request")));
        rows.stream().sorted(Map.Entry.comparingByKey()).forEach(row -> doc.append(row.getValue()));
    }

    /** The unit's examples in turn, a run of equal answers told once. */
    private static List<Example> inTurn(List<Example> unit) {
        List<Example> turns = new ArrayList<>();
        for (Example example : unit) {
            if (turns.isEmpty() || !turns.get(turns.size() - 1).answer().equals(example.answer())) {
                turns.add(example);
            }
        }
        return turns;
    }

    /**
     * The fewest of the unit's values that no unit with other answers carries all of (the first such set in
     * the order of the request's values); all its values when there is none, for the more specific to win.
     */
    private static List<Facet> discriminator(List<Example> unit, List<List<Example>> units) {
        List<Facet> facets = unit.get(0).facets();
        List<Answer> answers = unit.stream().map(Example::answer).toList();
        List<List<Facet>> rivals = units.stream().filter(other -> other != unit)
                .filter(other -> !other.stream().map(Example::answer).toList().equals(answers))
                .map(other -> other.get(0).facets()).toList();
        for (int size = 1; size <= Math.min(3, facets.size()); size++) {
            for (List<Facet> candidate : subsets(facets, size)) {
                if (rivals.stream().noneMatch(rival -> rival.containsAll(candidate))) {
                    return candidate;
                }
            }
        }
        return facets;
    }

    private static List<List<Facet>> subsets(List<Facet> facets, int size) {
        List<List<Facet>> subsets = new ArrayList<>();
        collect(facets, size, 0, new ArrayList<>(), subsets);
        return subsets;
    }

    private static void collect(List<Facet> facets, int size, int from, List<Facet> chosen, List<List<Facet>> into) {
        if (chosen.size() == size) {
            into.add(List.copyOf(chosen));
            return;
        }
        for (int i = from; i < facets.size(); i++) {
            chosen.add(facets.get(i));
            collect(facets, size, i + 1, chosen, into);
            chosen.remove(chosen.size() - 1);
        }
    }

    // ---- WireMock JSON ---------------------------------------------------------------------------

    private static ObjectNode request(String method, String path, List<Facet> asked) {
        ObjectNode request = JSON.createObjectNode();
        request.put("method", method.toUpperCase());
        request.put("urlPathTemplate", path);
        for (Facet facet : asked) {
            String value = facet.value().isTextual() ? facet.value().asText() : facet.value().toString();
            switch (facet.kind()) {
                case "path" -> object(request, "pathParameters").putObject(facet.name()).put("equalTo", value);
                case "query" -> object(request, "queryParameters").putObject(facet.name()).put("equalTo", value);
                default -> array(request, "bodyPatterns").addObject().putObject("matchesJsonPath")
                        .put("expression", facet.name()).put("equalTo", value);
            }
        }
        return request;
    }

    /** Media-type headers match with parameters after the type ({@code text/plain; charset=UTF-8}). */
    private static ObjectNode headerMatcher(String header, String value) {
        ObjectNode matcher = JSON.createObjectNode();
        if (header.equalsIgnoreCase("Accept") || header.equalsIgnoreCase("Content-Type")) {
            matcher.put("matches", "(?i)\\Q" + value + "\\E\\s*(;.*)?");
        } else {
            matcher.put("equalTo", value);
        }
        return matcher;
    }

    private ObjectNode stub(String id, Example example, ObjectNode request, Map<String, String> headers, int priority,
                            String asked, String requiredState, String newState) {
        ObjectNode stub = JSON.createObjectNode();
        String key = id + " " + example.name() + " " + priority + " " + requiredState;
        stub.put("id", UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
        stub.put("name", id + " " + example.answer().status() + " " + example.name());
        stub.put("priority", priority);
        stub.set("request", request);
        ObjectNode response = stub.putObject("response");
        Answer answer = example.answer();
        response.put("status", answer.status());
        ObjectNode responseHeaders = response.putObject("headers");
        if (answer.mediaType() != null) {
            responseHeaders.put("Content-Type", answer.mediaType());
        }
        if (answer.status() < 300) {
            headers.forEach(responseHeaders::put);
        } else {
            responseHeaders.put("X-Request-Id", Objects.requireNonNull(headers.get("X-Request-Id"), "X-Request-Id example"));
        }
        if (answer.body() == null && answer.status() != 204) {
            // As the server: an empty answer says so. WireMock would send it chunked, and the official SDK takes a
            // chunked answer without Content-Type for a body it cannot read (204 has no Content-Length by RFC 9110).
            responseHeaders.put("Content-Length", "0");
        }
        if (answer.body() != null) {
            if (answer.mediaType() != null && answer.mediaType().contains("json")) {
                response.set("jsonBody", answer.body());
            } else {
                response.put("base64Body", answer.body().asText()); // a binary example is written in base64
            }
        }
        if (requiredState != null) {
            stub.put("requiredScenarioState", requiredState);
        }
        if (newState != null) {
            stub.put("newScenarioState", newState);
        }
        ObjectNode about = stub.putObject("metadata").putObject("openkps");
        about.put("operationId", id).put("example", example.name()).put("status", answer.status()).put("askedWith", asked);
        return stub;
    }

    /** The example values of the success answer's headers (the request id, a file name). */
    private Map<String, String> responseHeaders(JsonNode operation) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
            if (Integer.parseInt(response.getKey()) >= 300) {
                continue;
            }
            resolve(response.getValue()).path("headers").properties().forEach(header -> {
                JsonNode definition = resolve(header.getValue());
                JsonNode example = definition.has("example") ? definition.get("example") : definition.path("schema").get("example");
                if (example == null) {
                    throw new IllegalStateException("response header " + header.getKey() + " has no example to answer with");
                }
                headers.put(header.getKey(), example.asText());
            });
        }
        return headers;
    }

    private static String row(Example example, String asked) {
        return "| " + example.answer().status() + " | `" + example.name() + "`: " + example.summary().replace("|", "\\|")
                + " | " + asked.replace("|", "\\|") + " |\n";
    }

    // ---- reading the examples ------------------------------------------------------------------

    /** The operation's request examples, each with its answer, in the story's order. */
    private List<Example> examples(JsonNode pathItem, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(p -> parameters.add(resolve(p)));
        operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
        JsonNode bodyExamples = resolve(operation.path("requestBody")).path("content").path("application/json").path("examples");

        List<String> names = new ArrayList<>();
        bodyExamples.fieldNames().forEachRemaining(names::add);
        for (JsonNode parameter : parameters) {
            parameter.path("examples").fieldNames().forEachRemaining(name -> {
                if (!names.contains(name)) {
                    names.add(name);
                }
            });
        }

        // The story's order: statuses as written, each with its examples as written; a success without a body
        // names no example, so the request examples that have no response example lead to it, in their order.
        Map<String, Answer> answers = new LinkedHashMap<>();
        Map<String, String> summaries = new LinkedHashMap<>();
        Map<String, JsonNode> responses = new LinkedHashMap<>();
        operation.path("responses").properties().forEach(r -> responses.put(r.getKey(), resolve(r.getValue())));
        responses.forEach((code, response) -> response.path("content").properties().forEach(type ->
                type.getValue().path("examples").fieldNames().forEachRemaining(name -> answers.put(name, null))));
        List<String> withoutAnswer = names.stream().filter(name -> !answers.containsKey(name)).toList();
        answers.clear();
        boolean successSeen = false;
        for (Map.Entry<String, JsonNode> response : responses.entrySet()) {
            int status = Integer.parseInt(response.getKey());
            if (status < 300 && !successSeen) {
                successSeen = true;
                if (!response.getValue().has("content")) {
                    withoutAnswer.forEach(name -> answers.put(name, new Answer(status, null, null)));
                }
            }
            response.getValue().path("content").properties().forEach(type ->
                    type.getValue().path("examples").properties().forEach(example -> {
                        JsonNode resolved = resolve(example.getValue());
                        answers.put(example.getKey(), new Answer(status, type.getKey(), resolved.get("value")));
                        summaries.put(example.getKey(), resolved.path("summary").asText(""));
                    }));
        }
        for (String name : names) {
            if (!answers.containsKey(name)) {
                throw new IllegalStateException(operation.path("operationId").asText() + ": request example " + name
                        + " has no response example");
            }
        }

        List<Example> examples = new ArrayList<>();
        for (Map.Entry<String, Answer> pair : answers.entrySet()) {
            String name = pair.getKey();
            if (!names.contains(name)) {
                throw new IllegalStateException(operation.path("operationId").asText() + ": response example " + name
                        + " has no request example");
            }
            List<Facet> facets = new ArrayList<>();
            String summary = summaries.getOrDefault(name, "");
            String parameterSummary = "";
            for (JsonNode parameter : parameters) {
                JsonNode example = parameter.path("examples").get(name);
                if (example != null) {
                    JsonNode resolved = resolve(example);
                    facets.add(new Facet(parameter.path("in").asText(), parameter.path("name").asText(), resolved.get("value")));
                    if (!example.has("$ref") && parameterSummary.isEmpty()) {
                        parameterSummary = resolved.path("summary").asText(""); // a shared one (the own project) says nothing of the case
                    }
                }
            }
            JsonNode body = bodyExamples.get(name);
            if (body != null) {
                JsonNode resolved = resolve(body);
                leaves("$", resolved.get("value"), facets);
                if (summary.isEmpty()) {
                    summary = resolved.path("summary").asText("");
                }
            }
            if (summary.isEmpty()) {
                summary = parameterSummary;
            }
            JsonNode sentWith = operation.path("x-sent-with").path(name);
            Map<String, String> headers = new LinkedHashMap<>();
            sentWith.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            examples.add(new Example(name, summary, facets, headers, sentWith.path("bodyPaddedToBytes").asInt(0), pair.getValue()));
        }
        return examples;
    }

    private static void leaves(String path, JsonNode node, List<Facet> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(field -> leaves(path + "['" + field.getKey() + "']", field.getValue(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(path + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.add(new Facet("body", path, node));
        }
    }

    private JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local references are supported: " + ref);
            }
            JsonNode target = contract;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            if (target.isMissingNode()) {
                throw new IllegalStateException("unresolved reference " + ref);
            }
            node = target;
        }
        return node;
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        return parent.has(name) ? (ObjectNode) parent.get(name) : parent.putObject(name);
    }

    private static ArrayNode array(ObjectNode parent, String name) {
        return parent.has(name) ? (ArrayNode) parent.get(name) : parent.putArray(name);
    }
}
