package org.openkps.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkps.server.contract.ExampleStory.Step;
import org.openkps.server.support.AdminApi;
import org.openkps.server.support.ContractTestConfiguration;
import org.openkps.server.support.KpsAnswers;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.SpecConformance;
import org.openkps.server.support.SpecConformanceExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.util.UriUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's examples are an executable specification: every request example, in the story's order
 * ({@link ExampleStory}), goes to a fresh server with the local credential and nothing else set up, and the
 * answer must be the paired response example: its status, its media type literally, the contract's schema,
 * and every value that does not differ from run to run. Generated keys are bound on first sight (the
 * public key, private key and fingerprint a create answers with) and must then stay the same wherever the
 * story shows them again; so are task ids, which later requests name; other ids and times are checked by
 * the schema only. The server has the story's one ECS server, a bookkeeping one that ends each task before
 * it answers. An example of a status no request causes (429, 500, 503) is played with its
 * {@code x-fault-rule} installed for that one request through the admin API, as a test suite would provoke it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kps.data-dir=target/test-data/example-story-${random.uuid}", "logging.level.root=warn",
                // The story's one ECS server, as the contract's description (and .ci/specmatic) starts it.
                "kps.ecs.servers[0].id=" + ExamplesStoryTest.SERVER_ID,
                "kps.ecs.servers[0].project-id=0b7a2f3c9d4e45f6a1b2c3d4e5f60718",
                "kps.ecs.task-delay=0s"})
@Import(ContractTestConfiguration.class)
@ExtendWith(SpecConformanceExtension.class)
@DirtiesContext
class ExamplesStoryTest {

    /** The server's one local credential when none is configured (README), as a tool would use it. */
    private static final String TOKEN = "local-token";
    /** A bookkeeping server (no host) that ends each task before it answers. */
    static final String SERVER_ID = "0f4c3a9e-8b7d-4c6e-9a1b-2c3d4e5f6a7b";
    /** Values that differ from run to run whatever the story does: checked by the schema only. */
    private static final Set<String> SERVER_CHOSEN = Set.of("id", "create_time", "update_time", "task_time");
    /** Ids the server generates and later requests name: bound on first sight, like generated keys. */
    private static final Set<String> GENERATED_IDS = Set.of("task_id");

    private static final ExampleStory STORY = ExampleStory.fromClasspath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void everyExampleHasItsPairAndEveryStatusAClientCanCauseHasAnExample() {
        assertThat(STORY.problems()).as("what keeps the examples from being one story").isEmpty();
        assertThat(STORY.steps()).extracting(Step::operationId).as("operations with examples")
                .containsAll(List.of("createKeypair", "listKeypairs", "showKeypair", "updateKeypairDescription",
                        "deleteKeypair", "batchImportKeypairs", "importPrivateKey", "exportPrivateKey",
                        "batchExportPrivateKeys", "clearPrivateKey", "associateKeypair", "batchAssociateKeypairs",
                        "disassociateKeypair", "showKeypairTask", "listRunningTasks", "listFailedTasks",
                        "deleteAllFailedTasks", "deleteFailedTask"));
    }

    @Test
    void onlyRequestsThatLeadToA400BreakTheSchema() {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(STORY.text()).build();
        List<String> wrong = new ArrayList<>();
        for (Step step : STORY.steps()) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(step.method().toUpperCase(),
                    path(step.pathTemplate(), step.pathParams()))
                    .withHeader("X-Auth-Token", TOKEN)
                    .withAccept("application/json");
            step.queryParams().forEach(request::withQueryParam);
            if (step.body() != null) {
                request.withContentType("application/json").withBody(JSON.writeValueAsString(step.body()));
            }
            ValidationReport report = validator.validateRequest(request.build());
            if (report.hasErrors() && step.status() != 400) {
                wrong.add(step + " breaks the schema but leads to " + step.status() + ": " + report.getMessages());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theSchemasKeyExamplesAreAKeyOfTheStory() {
        String publicKey = (String) STORY.schemaExample("PublicKey");
        String privateKey = (String) STORY.schemaExample("PrivateKey");
        String fingerprint = (String) STORY.schemaExample("Fingerprint");
        JsonNode imported = STORY.steps().stream()
                .filter(s -> s.operationId().equals("createKeypair") && s.status() == 200)
                .map(s -> s.response().path("keypair"))
                .filter(k -> k.path("public_key").asString().equals(publicKey))
                .findFirst().orElseThrow(() -> new AssertionError("no example imports the PublicKey example"));
        assertThat(imported.path("fingerprint").asString()).as("the Fingerprint example").isEqualTo(fingerprint);
        assertThat(STORY.steps().stream()
                .filter(s -> s.operationId().equals("exportPrivateKey") && s.status() == 200)
                .map(s -> s.response().path("keypair"))
                .filter(k -> k.path("name").asString().equals(imported.path("name").asString()))
                .map(k -> k.path("private_key").asString()))
                .as("the PrivateKey example is the private key the story exports for %s", imported.path("name"))
                .containsExactly(privateKey);
    }

    @TestFactory
    Stream<DynamicTest> theExamplesRunInOrderOnAFreshServer() {
        Story story = new Story(new KpsHttp(port));
        return STORY.steps().stream().map(step -> DynamicTest.dynamicTest(step.toString(), () -> story.play(step)));
    }

    /** The path with the example's path parameters. */
    private static String path(String template, Map<String, String> params) {
        String path = template;
        for (Map.Entry<String, String> param : params.entrySet()) {
            path = path.replace("{" + param.getKey() + "}", UriUtils.encodePathSegment(param.getValue(), StandardCharsets.UTF_8));
        }
        return path;
    }

    private static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(q -> q.getKey() + "=" + UriUtils.encodeQueryParam(q.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** One run of the story against one server: what the server generated is remembered as it goes. */
    private static final class Story {

        private final KpsHttp http;
        private final AdminApi admin;
        /** Example text of a generated key, fingerprint or private key, to what the server generated. */
        private final Map<String, String> generated = new HashMap<>();

        Story(KpsHttp http) {
            this.http = http;
            this.admin = new AdminApi(http, AdminApi.LOCAL_TOKEN);
        }

        /** The example's fault rule, for its operation and this one request, through the admin API. */
        private void installFaultRule(Step step) {
            ObjectNode rule = (ObjectNode) step.faultRule().deepCopy();
            rule.put("operation", step.operationId());
            rule.put("times", 1);
            admin.setFaults(JSON.writeValueAsString(rule));
        }

        void play(Step step) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Auth-Token", TOKEN);
            headers.put("Accept", "*/*");
            byte[] body = null;
            if (step.body() != null) {
                headers.put("Content-Type", "application/json");
                String json = JSON.writeValueAsString(step.body());
                int padding = Math.max(0, step.sentWith().bodyPaddedToBytes() - json.getBytes(StandardCharsets.UTF_8).length);
                body = (json + " ".repeat(padding)).getBytes(StandardCharsets.UTF_8);
            }
            headers.putAll(step.sentWith().headers());
            String query = query(generatedIn(step.queryParams()));
            HttpRequest.Builder request = http.request(path(step.pathTemplate(), generatedIn(step.pathParams()))
                    + (query.isEmpty() ? "" : "?" + query));
            headers.forEach((name, value) -> {
                if (value != null) {
                    request.header(name, value);
                }
            });
            request.method(step.method().toUpperCase(),
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));

            if (step.faultRule() != null) {
                installFaultRule(step);
            }
            SpecConformance.reset();
            KpsHttp.Result answer;
            try {
                answer = http.send(request);
            } finally {
                if (step.faultRule() != null) {
                    assertThat(admin.faults().json().path("rules").path(0).path("applied").asInt())
                            .as("%s: how often its fault rule applied", step).isEqualTo(1);
                    assertThat(admin.clearFaults().status()).as("%s: fault rules removed", step).isEqualTo(204);
                }
            }
            List<String> violations = SpecConformance.violations();
            SpecConformance.reset();

            assertThat(answer.status()).as("%s: status of %s", step, answer.body()).isEqualTo(step.status());
            assertThat(answer.header("X-Request-Id")).as("%s: X-Request-Id", step).matches(KpsAnswers.REQUEST_ID);
            assertThat(violations).as("%s: what breaks the contract", step).isEmpty();
            if (step.faultRule() != null && step.faultRule().has("retry_after")) {
                assertThat(answer.header("Retry-After")).as("%s: Retry-After", step)
                        .isEqualTo(String.valueOf(step.faultRule().get("retry_after").asInt()));
            }
            if (step.mediaType() == null) {
                assertThat(answer.bytes()).as("%s: body", step).isEmpty();
                return;
            }
            assertThat(answer.header("Content-Type")).as("%s: Content-Type", step).isEqualTo(step.mediaType());
            List<String> differences = new ArrayList<>();
            if (step.mediaType().equals("application/zip")) {
                compareArchives(step.response(), answer.bytes(), differences);
            } else {
                compare("$", step.response(), answer.json(), differences);
            }
            assertThat(differences).as("%s: where the answer differs from the example %s", step, answer.body()).isEmpty();
        }

        /** The parameters with each example value that stands for a generated one replaced by it. */
        private Map<String, String> generatedIn(Map<String, String> params) {
            Map<String, String> sent = new LinkedHashMap<>();
            params.forEach((name, value) -> sent.put(name, generated.getOrDefault(value, value)));
            return sent;
        }

        private void compare(String where, JsonNode expected, JsonNode actual, List<String> differences) {
            if (expected.isObject()) {
                if (!actual.isObject()) {
                    differences.add(where + ": expected an object, got " + actual);
                    return;
                }
                Set<String> expectedNames = Set.copyOf(expected.propertyNames());
                Set<String> actualNames = Set.copyOf(actual.propertyNames());
                if (!expectedNames.equals(actualNames)) {
                    differences.add(where + ": members " + actualNames + ", the example has " + expectedNames);
                }
                bindGenerated(where, expected, actual, differences);
                for (String name : expectedNames) {
                    if (actual.has(name)) {
                        String at = where + "." + name;
                        if (GENERATED_IDS.contains(name) && expected.get(name).isString() && actual.get(name).isString()) {
                            generated.putIfAbsent(expected.get(name).asString(), actual.get(name).asString());
                        }
                        if (SERVER_CHOSEN.contains(name)) {
                            if (expected.get(name).getNodeType() != actual.get(name).getNodeType()) {
                                differences.add(at + ": " + actual.get(name) + " is not of the example's type");
                            }
                        } else {
                            compare(at, expected.get(name), actual.get(name), differences);
                        }
                    }
                }
            } else if (expected.isArray()) {
                if (!actual.isArray() || actual.size() != expected.size()) {
                    differences.add(where + ": expected " + expected.size() + " entries, got " + actual);
                    return;
                }
                for (int i = 0; i < expected.size(); i++) {
                    compare(where + "[" + i + "]", expected.get(i), actual.get(i), differences);
                }
            } else if (expected.isNumber() && actual.isNumber()) {
                if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                    differences.add(where + ": " + actual + ", the example says " + expected);
                }
            } else if (expected.isString() && actual.isString()) {
                String want = generated.getOrDefault(expected.asString(), expected.asString());
                if (!want.equals(actual.asString())) {
                    differences.add(where + ": " + actual + ", the example says " + expected
                            + (want.equals(expected.asString()) ? "" : " (generated earlier as " + want + ")"));
                }
            } else if (!expected.equals(actual)) {
                differences.add(where + ": " + actual + ", the example says " + expected);
            }
        }

        /**
         * A key pair the server generated (an answer with its public key, private key and fingerprint): the
         * example's values stand for what this run generated, here and wherever the story shows them again.
         */
        private void bindGenerated(String where, JsonNode expected, JsonNode actual, List<String> differences) {
            if (!(expected.has("public_key") && expected.has("private_key") && expected.has("fingerprint"))) {
                return;
            }
            for (String member : List.of("public_key", "private_key", "fingerprint")) {
                String example = expected.path(member).asString();
                String value = actual.path(member).asString();
                String before = generated.putIfAbsent(example, value);
                if (before != null && !before.equals(value)) {
                    differences.add(where + "." + member + ": the example's value stands for two generated values");
                }
            }
        }

        private void compareArchives(JsonNode expected, byte[] actual, List<String> differences) {
            Map<String, String> want = new LinkedHashMap<>();
            entries(Base64.getDecoder().decode(expected.asString())).forEach((name, text) ->
                    want.put(name, generated.getOrDefault(text, text)));
            Map<String, String> got = entries(actual);
            if (!List.copyOf(want.keySet()).equals(List.copyOf(got.keySet()))) {
                differences.add("entries " + got.keySet() + ", the example has " + want.keySet());
            }
            want.forEach((name, text) -> {
                if (got.containsKey(name) && !text.equals(got.get(name))) {
                    differences.add(name + ": " + got.get(name) + ", the example holds " + text);
                }
            });
        }

        /** The entries of a zip, name to text, in archive order; entry times are not compared. */
        private static Map<String, String> entries(byte[] zip) {
            Map<String, String> entries = new LinkedHashMap<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return entries;
        }
    }
}
