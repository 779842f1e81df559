package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.TestCallers;
import org.openkps.server.support.TestCallers.Caller;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key-pair API as the tests of this package call it: one method per request, the bodies spelled
 * once. Remembers what it created so that {@link #deleteCreated()} leaves the shared database as it was.
 */
final class KeypairApi {

    static final Map<String, String> DEFAULT = Map.of("type", "default");
    static final Map<String, String> KMS_BY_ID = Map.of("type", "kms", "kms_key_id", TestCallers.KMS_KEY_ID);
    static final Map<String, String> KMS_BY_NAME = Map.of("type", "kms", "kms_key_name", TestCallers.KMS_KEY_NAME);

    /** A valid public key (the contract's example) for tests that need many key pairs fast. */
    static final String ED25519_PUBLIC =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFbv1gllJ9SHo5nnVXEmFWGAozU9jGlbsNGeVhwdIWz/ demo";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KpsHttp http;
    private final List<Map.Entry<Caller, String>> created = new ArrayList<>();

    KeypairApi(int port) {
        this.http = new KpsHttp(port);
    }

    KpsHttp http() {
        return http;
    }

    /** A JSON value: a string literal, an object from a map, and so on. */
    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    // ---- key pairs -------------------------------------------------------------------------

    /** The {@code keypair} object of a create request, built field by field. */
    static final class NewKeypair {

        private final Map<String, Object> fields = new LinkedHashMap<>();

        private NewKeypair(String name) {
            fields.put("name", name);
        }

        static NewKeypair named(String name) {
            return new NewKeypair(name);
        }

        NewKeypair publicKey(String publicKey) {
            fields.put("public_key", publicKey);
            return this;
        }

        NewKeypair userId(String userId) {
            fields.put("user_id", userId);
            return this;
        }

        NewKeypair scope(String scope) {
            fields.put("scope", scope);
            return this;
        }

        /** Host the generated private key. */
        NewKeypair hosted(Map<String, String> encryption) {
            fields.put("key_protection", Map.of("encryption", encryption));
            return this;
        }

        /** Import a key pair and host its private key. */
        NewKeypair imported(SshKeys.SshKey key, Map<String, String> encryption) {
            return imported(key.publicLine(), key.privateKey(), encryption);
        }

        NewKeypair imported(String publicKey, String privateKey, Map<String, String> encryption) {
            fields.put("public_key", publicKey);
            fields.put("key_protection", Map.of("private_key", privateKey, "encryption", encryption));
            return this;
        }

        String name() {
            return (String) fields.get("name");
        }

        String json() {
            return KeypairApi.json(fields);
        }
    }

    Result create(Caller caller, NewKeypair keypair) {
        Result result = http.post(caller, "keypairs", "{\"keypair\":" + keypair.json() + "}");
        if (result.status() == 200) {
            created.add(Map.entry(caller, keypair.name()));
        }
        return result;
    }

    /** Creates or imports, asserts 200, and returns the answer's {@code keypair}. */
    JsonNode created(Caller caller, NewKeypair keypair) {
        return ok(create(caller, keypair)).path("keypair");
    }

    /** A key pair with a generated key that is not hosted. */
    JsonNode generate(Caller caller, String name) {
        return created(caller, NewKeypair.named(name));
    }

    /** A key pair with a generated key hosted under {@code encryption}. */
    JsonNode generateHosted(Caller caller, String name, Map<String, String> encryption) {
        return created(caller, NewKeypair.named(name).hosted(encryption));
    }

    /** Imports {@link #ED25519_PUBLIC} under each name, ten to a batch. */
    void importMany(Caller caller, List<String> names) {
        for (int from = 0; from < names.size(); from += 10) {
            List<NewKeypair> batch = names.subList(from, Math.min(names.size(), from + 10)).stream()
                    .map(name -> NewKeypair.named(name).publicKey(ED25519_PUBLIC))
                    .toList();
            JsonNode answer = ok(batchImport(caller, batch));
            assertThat(answer.path("failed_keypairs").size()).as(answer.toString()).isZero();
        }
    }

    Result batchImport(Caller caller, List<NewKeypair> keypairs) {
        String body = json(keypairs.stream().map(k -> Map.of("keypair", JSON.readTree(k.json()))).toList());
        Result result = http.post(caller, "keypairs/batch-import", body);
        if (result.status() == 200) {
            result.json().path("succeeded_keypairs")
                    .forEach(entry -> created.add(Map.entry(caller, entry.path("keypair").path("name").asString())));
        }
        return result;
    }

    Result show(Caller caller, String name) {
        return http.get(caller, "keypairs/" + name);
    }

    /** The {@code keypair} of showKeypair, asserting 200. */
    JsonNode detail(Caller caller, String name) {
        return ok(show(caller, name)).path("keypair");
    }

    Result list(Caller caller, String query) {
        return http.get(caller, "keypairs" + (query.isEmpty() ? "" : "?" + query));
    }

    /**
     * Pages through every key pair the caller sees, {@code limit} at a time, checking each page's
     * {@code page_info} on the way; {@code betweenPages} runs after each page that has a next one,
     * with that page's names and its next marker. Returns the names in the order listed.
     */
    List<String> listAll(Caller caller, int limit, BiConsumer<List<String>, String> betweenPages) {
        List<String> names = new ArrayList<>();
        String marker = null;
        for (int page = 0; ; page++) {
            assertThat(page).as("pages of %d: the listing does not end", limit).isLessThan(10_000);
            JsonNode answer = ok(list(caller, "limit=" + limit + (marker == null ? "" : "&marker=" + marker)));
            List<String> pageNames = names(answer);
            JsonNode pageInfo = answer.path("page_info");
            assertThat(pageInfo.path("current_count").asInt()).as("current_count").isEqualTo(pageNames.size());
            assertThat(pageNames.size()).as("page size").isLessThanOrEqualTo(limit);
            names.addAll(pageNames);
            if (!pageInfo.has("next_marker")) {
                return names;
            }
            String next = pageInfo.path("next_marker").asString();
            assertThat(pageNames).as("a page with a next one is full").hasSize(limit);
            assertThat(next).as("next_marker names the last key pair of the page").isEqualTo(pageNames.get(limit - 1));
            betweenPages.accept(pageNames, next);
            marker = next;
        }
    }

    List<String> listAll(Caller caller, int limit) {
        return listAll(caller, limit, (page, next) -> { });
    }

    /** The names of a listKeypairs answer, in order. */
    static List<String> names(JsonNode listAnswer) {
        List<String> names = new ArrayList<>();
        listAnswer.path("keypairs").forEach(entry -> names.add(entry.path("keypair").path("name").asString()));
        return names;
    }

    Result updateDescription(Caller caller, String name, String description) {
        return http.put(caller, "keypairs/" + name, """
                {"keypair": {"description": %s}}""".formatted(json(description)));
    }

    Result delete(Caller caller, String name) {
        return http.delete(caller, "keypairs/" + name);
    }

    // ---- private keys ----------------------------------------------------------------------

    Result importPrivateKey(Caller caller, String name, String privateKey, Map<String, String> encryption) {
        return http.post(caller, "keypairs/private-key/import", """
                {"keypair": {"name": %s, "key_protection": {"private_key": %s, "encryption": %s}}}"""
                .formatted(json(name), json(privateKey), json(encryption)));
    }

    Result exportPrivateKey(Caller caller, String name) {
        return http.post(caller, "keypairs/private-key/export", """
                {"keypair": {"name": %s}}""".formatted(json(name)));
    }

    /** The exported private key, asserting 200. */
    String exported(Caller caller, String name) {
        JsonNode keypair = ok(exportPrivateKey(caller, name)).path("keypair");
        assertThat(keypair.path("name").asString()).isEqualTo(name);
        return keypair.path("private_key").asString();
    }

    Result batchExport(Caller caller, String... names) {
        return http.post(caller, "keypairs/private-key/batch-export",
                json(Arrays.stream(names).map(name -> Map.of("keypair", Map.of("name", name))).toList()));
    }

    Result clearPrivateKey(Caller caller, String name) {
        return http.delete(caller, "keypairs/" + name + "/private-key");
    }

    // ---- assertions and clean-up -----------------------------------------------------------

    /** Asserts a 200 with a JSON body and returns the body. */
    static JsonNode ok(Result result) {
        assertThat(result.status()).as("status; body: %s", result.body()).isEqualTo(200);
        return result.json();
    }

    /** Asserts a KPS error: status, error code, and a message for a person. */
    static void assertError(Result result, int status, String errorCode) {
        assertThat(result.status()).as("status; body: %s", result.body()).isEqualTo(status);
        assertThat(result.header("Content-Type")).startsWith("application/json");
        assertThat(result.errorCode()).as("error_code; body: %s", result.body()).isEqualTo(errorCode);
        assertThat(result.errorMsg()).isNotBlank();
    }

    static void assertNotFound(Result result, String name) {
        assertError(result, 404, "KPS.4016");
        assertThat(result.errorMsg()).contains(name);
    }

    /** Deletes what this instance created that still exists, whoever created it. */
    void deleteCreated() {
        for (Map.Entry<Caller, String> keypair : created) {
            int status = delete(keypair.getKey(), keypair.getValue()).status();
            assertThat(status).as("clean-up of %s", keypair.getValue()).isIn(204, 404);
        }
        created.clear();
    }
}
