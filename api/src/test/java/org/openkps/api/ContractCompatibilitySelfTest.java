package org.openkps.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;

/**
 * The compatibility check has teeth: edits of the released contract (the baseline) that would break a consumer are
 * reported as incompatible, with a message that says what changed; additions are not.
 */
class ContractCompatibilitySelfTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String KEYPAIR_PATH = "/v3/{project_id}/keypairs/{keypair_name}";
    private static final String LIST_PATH = "/v3/{project_id}/keypairs";

    @TempDir
    Path dir;

    static Stream<Arguments> breakingEdits() {
        return Stream.of(
                edit("an operation removed (deleteKeypair)", "removed: DELETE " + KEYPAIR_PATH,
                        c -> path(c, KEYPAIR_PATH).remove("delete")),
                edit("an optional request field made required (createKeypair keypair.scope)", "- `scope`",
                        c -> ((ArrayNode) schema(c, "CreateKeypairAction").get("required")).add("scope")),
                edit("an enum narrowed (KeypairScope without domain)", "Removed enum value:",
                        c -> {
                            ArrayNode values = (ArrayNode) schema(c, "KeypairScope").get("enum");
                            values.removeAll();
                            values.add("user");
                        }),
                edit("a response field removed (showKeypair keypair.fingerprint)", "Deleted property `fingerprint`",
                        c -> {
                            ObjectNode detail = schema(c, "KeypairDetail");
                            ((ObjectNode) detail.get("properties")).remove("fingerprint");
                            ArrayNode required = (ArrayNode) detail.get("required");
                            for (int i = 0; i < required.size(); i++) {
                                if (required.get(i).asText().equals("fingerprint")) {
                                    required.remove(i);
                                }
                            }
                        }),
                edit("a request field's type changed (limit: integer to string)", "GET /v3/{project_id}/keypairs: parameters changed incompatibly",
                        c -> {
                            ObjectNode limit = (ObjectNode) path(c, LIST_PATH).at("/get/parameters/1/schema");
                            limit.removeAll();
                            limit.put("type", "string");
                        }));
    }

    static Stream<Arguments> compatibleEdits() {
        return Stream.of(
                edit("an optional response field added (showKeypair keypair.tags)", null,
                        c -> ((ObjectNode) schema(c, "KeypairDetail").get("properties"))
                                .putObject("tags").put("type", "string").put("description", "Free tags.")),
                edit("an optional request field added (createKeypair keypair.comment)", null,
                        c -> ((ObjectNode) schema(c, "CreateKeypairAction").get("properties"))
                                .putObject("comment").put("type", "string").put("description", "A comment.")),
                edit("an optional query parameter added (listKeypairs sort)", null,
                        c -> ((ArrayNode) path(c, "/v3/{project_id}/keypairs").get("get").get("parameters")).addObject()
                                .put("name", "sort").put("in", "query").put("required", false)
                                .put("description", "Sort order.").putObject("schema").put("type", "string")),
                edit("an operation added (GET /v3/{project_id}/keypairs-copy)", null,
                        c -> {
                            ObjectNode list = path(c, "/v3/{project_id}/keypairs").deepCopy();
                            list.remove("post");
                            ((ObjectNode) list.get("get")).put("operationId", "listKeypairsAgain");
                            ((ObjectNode) c.get("paths")).set("/v3/{project_id}/keypairs-copy", list);
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakingEdits")
    void aBreakingEditIsRefusedWithItsReason(String what, String named, Consumer<ObjectNode> change) throws IOException {
        ChangedOpenApi diff = compareWithEdited(change);

        assertThat(diff.isIncompatible()).as(what + " must be incompatible").isTrue();
        String message = ContractCompatibility.incompatibility(diff, Path.of("baseline/kps.yaml"), Path.of("kps.yaml"));
        assertThat(message).startsWith("INCOMPATIBLE CONTRACT CHANGE").contains(named);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatibleEdits")
    void anAdditionIsAllowed(String what, String named, Consumer<ObjectNode> change) throws IOException {
        ChangedOpenApi diff = compareWithEdited(change);

        assertThat(diff.isIncompatible()).as(what + " must stay compatible:\n" + ContractCompatibility.report(diff)).isFalse();
        assertThat(diff.isUnchanged()).as(what + " must be seen as a change").isFalse();
    }

    @Test
    void theContractIsCompatibleWithItself() throws IOException {
        ChangedOpenApi diff = compareWithEdited(c -> { });
        assertThat(diff.isIncompatible()).as(ContractCompatibility.report(diff)).isFalse();
    }

    private ChangedOpenApi compareWithEdited(Consumer<ObjectNode> change) throws IOException {
        ObjectNode edited = (ObjectNode) YAML.readTree(ContractCompatibilityTest.BASELINE.toFile());
        change.accept(edited);
        Path candidate = dir.resolve("kps.yaml");
        YAML.writeValue(candidate.toFile(), edited);
        return ContractCompatibility.compare(ContractCompatibilityTest.BASELINE, candidate);
    }

    private static Arguments edit(String what, String named, Consumer<ObjectNode> change) {
        return Arguments.of(what, named, change);
    }

    private static ObjectNode path(ObjectNode contract, String path) {
        return (ObjectNode) contract.get("paths").get(path);
    }

    private static ObjectNode schema(ObjectNode contract, String name) {
        return (ObjectNode) contract.get("components").get("schemas").get(name);
    }
}
