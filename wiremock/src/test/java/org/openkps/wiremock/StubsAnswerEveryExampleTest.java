package org.openkps.wiremock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The stubs tell the contract's story: every request example of the contract, sent as the story sends it
 * (in its order, with what {@code x-sent-with} says), gets exactly its paired response example from the
 * stubs, so no example is shadowed or lost; and the contract check complains only about requests the
 * contract refuses: those whose example says they break the schema (400), and the 406 and 415 ones, whose
 * {@code Accept} and {@code Content-Type} the contract does not allow.
 */
class StubsAnswerEveryExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode CONTRACT = readContract();

    private static WireMockServer wireMock;
    private static OpenKpsStubs stubs;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One request example of the contract and the answer it is paired with. */
    record Pair(String operationId, String method, String path, String name, int status, String mediaType,
                JsonNode answer, Map<String, String> pathParams, Map<String, String> query, JsonNode body,
                Map<String, String> headers, int paddedTo) {

        @Override
        public String toString() {
            return operationId + " " + status + " " + name;
        }
    }

    @BeforeAll
    static void startTheStubs() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        stubs = OpenKpsStubs.register(wireMock);
    }

    @AfterAll
    static void stopTheStubs() {
        wireMock.stop();
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGetsItsAnswerInTheStorysOrder() {
        return pairs().stream().map(pair -> DynamicTest.dynamicTest(pair.toString(), () -> play(pair)));
    }

    @Test
    void theMappingsCoverEveryOperation() {
        List<String> operations = new ArrayList<>();
        CONTRACT.path("paths").forEach(item -> item.forEach(op -> {
            if (op.has("operationId")) {
                operations.add(op.path("operationId").asText());
            }
        }));
        assertThat(OpenKpsStubs.stubMappings().stream().map(m -> m.getMetadata().getMetadata("openkps").getString("operationId"))
                .distinct()).containsExactlyInAnyOrderElementsOf(operations);
        assertThat(OpenKpsStubs.stubsGuide()).contains("## createKeypair", "`nothing-here`", "X-Auth-Token: not-a-token");
    }

    private static void play(Pair pair) throws IOException, InterruptedException, URISyntaxException {
        int checkedBefore = stubs.violations().size(); // no reset: that would start the answers in turn over
        String path = pair.path();
        for (Map.Entry<String, String> param : pair.pathParams().entrySet()) {
            path = path.replace("{" + param.getKey() + "}", new URI(null, null, param.getValue(), null).getRawPath());
        }
        String query = pair.query().entrySet().stream()
                .map(q -> q.getKey() + "=" + URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, String> headers = new LinkedHashMap<>(Map.of("X-Auth-Token", "local-token", "Accept", "application/json"));
        String body = pair.body() == null ? null : JSON.writeValueAsString(pair.body());
        if (body != null) {
            headers.put("Content-Type", "application/json");
            if (pair.paddedTo() > 0) {
                body = body + " ".repeat(pair.paddedTo() - body.getBytes(StandardCharsets.UTF_8).length);
            }
        }
        headers.putAll(pair.headers());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wireMock.baseUrl() + path + (query.isEmpty() ? "" : "?" + query)))
                .method(pair.method().toUpperCase(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);

        HttpResponse<byte[]> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(answer.statusCode()).as("status").isEqualTo(pair.status());
        assertThat(answer.headers().firstValue("X-Request-Id")).as("X-Request-Id").isPresent();
        if (pair.answer() == null) {
            assertThat(answer.body()).as("body").isEmpty();
        } else if (pair.mediaType().contains("json")) {
            assertThat(answer.headers().firstValue("Content-Type")).hasValue(pair.mediaType());
            assertThat(JSON.readTree(answer.body())).as("body").isEqualTo(pair.answer());
        } else {
            assertThat(answer.headers().firstValue("Content-Type")).hasValue(pair.mediaType());
            assertThat(answer.body()).as("body").isEqualTo(Base64.getDecoder().decode(pair.answer().asText()));
        }
        List<String> all = stubs.violations();
        List<String> complaints = all.subList(checkedBefore, all.size());
        assertThat(complaints).as("what the contract check says of the answer").noneMatch(c -> c.contains("(the answer)"));
        boolean refused = pair.status() == 406 || pair.status() == 415
                || pair.status() == 400 && summaryOf(pair).contains("breaks the schema on purpose");
        if (refused) {
            assertThat(complaints).as("the contract check of a request the contract refuses").isNotEmpty();
        } else {
            assertThat(complaints).as("the contract check of a request within the contract").isEmpty();
        }
    }

    // ---- the contract's example pairs, in the story's order (api/DECISIONS.md, 45) -------------

    private static List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        CONTRACT.path("paths").fields().forEachRemaining(item -> {
            for (String method : List.of("post", "get", "put", "delete")) {
                JsonNode operation = item.getValue().get(method);
                if (operation != null) {
                    pairs.addAll(pairsOf(item.getKey(), method, item.getValue(), operation));
                }
            }
        });
        return pairs;
    }

    private static List<Pair> pairsOf(String path, String method, JsonNode item, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        item.path("parameters").forEach(p -> parameters.add(resolve(p)));
        operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
        JsonNode bodies = resolve(operation.path("requestBody")).path("content").path("application/json").path("examples");
        List<String> requests = new ArrayList<>();
        bodies.fieldNames().forEachRemaining(requests::add);
        parameters.forEach(p -> p.path("examples").fieldNames().forEachRemaining(n -> {
            if (!requests.contains(n)) {
                requests.add(n);
            }
        }));
        List<Pair> pairs = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        operation.path("responses").fields().forEachRemaining(r -> resolve(r.getValue()).path("content").forEach(
                media -> media.path("examples").fieldNames().forEachRemaining(answered::add)));
        boolean successSeen = false;
        for (var responses = operation.path("responses").fields(); responses.hasNext(); ) {
            var response = responses.next();
            int status = Integer.parseInt(response.getKey());
            JsonNode definition = resolve(response.getValue());
            if (status < 300 && !successSeen) {
                successSeen = true;
                for (String name : requests) {
                    if (!answered.contains(name)) {
                        pairs.add(pair(path, method, operation, parameters, bodies, name, status, null, null));
                    }
                }
            }
            definition.path("content").fields().forEachRemaining(media -> media.getValue().path("examples").fields()
                    .forEachRemaining(example -> pairs.add(pair(path, method, operation, parameters, bodies, example.getKey(),
                            status, media.getKey(), resolve(example.getValue()).get("value")))));
        }
        return pairs;
    }

    private static Pair pair(String path, String method, JsonNode operation, List<JsonNode> parameters, JsonNode bodies,
                             String name, int status, String mediaType, JsonNode answer) {
        Map<String, String> pathParams = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            JsonNode example = parameter.path("examples").get(name);
            if (example != null) {
                String value = resolve(example).get("value").asText();
                (parameter.path("in").asText().equals("path") ? pathParams : query).put(parameter.path("name").asText(), value);
            }
        }
        JsonNode body = bodies.has(name) ? resolve(bodies.get(name)).get("value") : null;
        JsonNode sentWith = operation.path("x-sent-with").path(name);
        Map<String, String> headers = new LinkedHashMap<>();
        sentWith.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        return new Pair(operation.path("operationId").asText(), method, path, name, status, mediaType, answer, pathParams,
                query, body, headers, sentWith.path("bodyPaddedToBytes").asInt(0));
    }

    /** The summaries of the example's request (its body and parameters), where "breaks the schema on purpose" is said. */
    private static String summaryOf(Pair pair) {
        StringBuilder summaries = new StringBuilder();
        JsonNode item = CONTRACT.path("paths").path(pair.path());
        JsonNode operation = item.path(pair.method());
        summaries.append(resolve(operation.path("requestBody")).path("content").path("application/json").path("examples")
                .path(pair.name()).path("summary").asText(""));
        List<JsonNode> parameters = new ArrayList<>();
        item.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        parameters.forEach(p -> summaries.append(' ').append(resolve(resolve(p).path("examples").path(pair.name())).path("summary").asText("")));
        return summaries.toString();
    }

    private static JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            JsonNode target = CONTRACT;
            for (String part : node.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        return node;
    }

    private static JsonNode readContract() {
        try {
            return new YAMLMapper().readTree(OpenKpsStubs.contract());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
