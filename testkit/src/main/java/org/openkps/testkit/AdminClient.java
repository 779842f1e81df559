package org.openkps.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The admin API of admin.yaml ({@code /_openkps/...}) over HTTP, as any client of it would call it. */
final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String token;

    AdminClient(URI endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
    }

    /** Whether {@code GET /_openkps/health} says UP. */
    boolean isUp() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(endpoint.resolve("/_openkps/health")).GET());
        return answer.statusCode() == 200 && "UP".equals(read(answer).path("status").asText());
    }

    void reset(String projectId) {
        String query = projectId == null ? "" : "?project_id=" + URLEncoder.encode(projectId, StandardCharsets.UTF_8);
        expect(204, send(admin("/_openkps/reset" + query).POST(HttpRequest.BodyPublishers.noBody())));
    }

    List<ActiveFault> replaceFaults(List<FaultRule> rules) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("rules");
        rules.forEach(rule -> array.add(json(rule)));
        HttpResponse<String> answer = send(admin("/_openkps/faults")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (answer.statusCode() == 400) {
            throw new IllegalArgumentException("the fault rules were refused: " + read(answer).path("error_msg").asText());
        }
        return faults(read(expect(200, answer)));
    }

    List<ActiveFault> showFaults() {
        return faults(read(expect(200, send(admin("/_openkps/faults").GET()))));
    }

    void clearFaults() {
        expect(204, send(admin("/_openkps/faults").DELETE()));
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(endpoint.resolve(path)).header("X-Admin-Token", token).timeout(Duration.ofSeconds(30));
    }

    private static ObjectNode json(FaultRule rule) {
        ObjectNode json = JSON.createObjectNode().put("operation", rule.operation());
        if (rule.projectId() != null) {
            json.put("project_id", rule.projectId());
        }
        json.put("delay_ms", Math.toIntExact(rule.delay().toMillis()));
        if (rule.status() != null) {
            json.put("status", rule.status()).put("error_code", rule.errorCode()).put("error_msg", rule.errorMsg());
        }
        if (rule.retryAfter() != null) {
            json.put("retry_after", Math.toIntExact(rule.retryAfter().toSeconds()));
        }
        json.put("probability", rule.probability());
        if (rule.times() != null) {
            json.put("times", rule.times());
        }
        return json;
    }

    private static List<ActiveFault> faults(JsonNode answer) {
        List<ActiveFault> faults = new ArrayList<>();
        for (JsonNode rule : answer.path("rules")) {
            faults.add(new ActiveFault(new FaultRule(
                    rule.path("operation").asText(),
                    text(rule, "project_id"),
                    Duration.ofMillis(rule.path("delay_ms").asLong()),
                    rule.has("status") ? rule.path("status").asInt() : null,
                    text(rule, "error_code"),
                    text(rule, "error_msg"),
                    rule.has("retry_after") ? Duration.ofSeconds(rule.path("retry_after").asLong()) : null,
                    rule.path("probability").asDouble(),
                    rule.has("times") ? rule.path("times").asInt() : null),
                    rule.path("applied").asLong()));
        }
        return faults;
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.path(field).asText() : null;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the openkps server at " + endpoint + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> answer) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException("the openkps admin API answered " + answer.statusCode() + " to "
                    + answer.request().method() + " " + answer.uri().getPath() + ": " + answer.body());
        }
        return answer;
    }

    private static JsonNode read(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("the openkps admin API answered no JSON: " + answer.body(), e);
        }
    }
}
