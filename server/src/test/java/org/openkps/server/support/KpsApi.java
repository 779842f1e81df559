package org.openkps.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.Json.str;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.KpsAnswers.okKeypair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.openkps.client.KpsClient;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.TestCallers.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * The key-pair API as the tests call it over raw HTTP ({@link KpsHttp}): one method per operation,
 * the bodies spelled once, in text blocks. Key pairs created through a {@link NewKeypair} are
 * remembered so that {@link #deleteCreated()} leaves the shared server as it was; a create with raw
 * members (a test of exact bodies) is sent as given and not remembered.
 */
public final class KpsApi {

    /** {@code encryption} objects of {@code key_protection}. */
    public static final String DEFAULT = """
            {"type": "default"}""";
    public static final String KMS_BY_ID = """
            {"type": "kms", "kms_key_id": "%s"}""".formatted(TestCallers.KMS_KEY_ID);
    public static final String KMS_BY_NAME = """
            {"type": "kms", "kms_key_name": "%s"}""".formatted(TestCallers.KMS_KEY_NAME);

    /** A valid public key (the contract's example) for tests that need many key pairs fast. */
    public static final String ED25519_PUBLIC =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFbv1gllJ9SHo5nnVXEmFWGAozU9jGlbsNGeVhwdIWz/ demo";

    private final KpsHttp http;
    private final List<Map.Entry<Caller, String>> created = new CopyOnWriteArrayList<>();

    public KpsApi(int port) {
        this(new KpsHttp(port));
    }

    public KpsApi(KpsHttp http) {
        this.http = http;
    }

    public KpsHttp http() {
        return http;
    }

    /** The generated client for the caller, against the same server. */
    public KpsClient client(Caller caller) {
        return KpsClient.withToken(http.base(), caller.token());
    }

    // ---- key pairs -------------------------------------------------------------------------

    /** The {@code keypair} object of a create request, built member by member. */
    public static final class NewKeypair {

        private final String name;
        private final Map<String, String> members = new LinkedHashMap<>();

        private NewKeypair(String name) {
            this.name = name;
            members.put("name", str(name));
        }

        public static NewKeypair named(String name) {
            return new NewKeypair(name);
        }

        public NewKeypair publicKey(String publicKey) {
            members.put("public_key", str(publicKey));
            return this;
        }

        public NewKeypair userId(String userId) {
            members.put("user_id", str(userId));
            return this;
        }

        public NewKeypair scope(String scope) {
            members.put("scope", str(scope));
            return this;
        }

        /** Host the generated private key under {@code encryption} (a JSON object). */
        public NewKeypair hosted(String encryption) {
            members.put("key_protection", """
                    {"encryption": %s}""".formatted(encryption));
            return this;
        }

        /** Import a key pair made by ssh-keygen and host its private key. */
        public NewKeypair imported(KeyTools.SshKey key, String encryption) {
            return imported(key.publicLine(), key.privateKey(), encryption);
        }

        public NewKeypair imported(String publicKey, String privateKey, String encryption) {
            members.put("public_key", str(publicKey));
            members.put("key_protection", """
                    {"private_key": %s, "encryption": %s}""".formatted(str(privateKey), encryption));
            return this;
        }

        public String name() {
            return name;
        }

        /** The members, as a create request's {@code keypair} object holds them. */
        public String members() {
            return members.entrySet().stream().map(m -> str(m.getKey()) + ": " + m.getValue())
                    .collect(Collectors.joining(", "));
        }

        /** {@code {"keypair": {...}}}. */
        public String json() {
            return Json.keypair(members());
        }
    }

    /** createKeypair with {@code {"keypair": {members}}}, exactly as given; not remembered for clean-up. */
    public Result create(Caller caller, String members) {
        return http.post(caller, "keypairs", Json.keypair(members));
    }

    /** createKeypair; a key pair it made is remembered for {@link #deleteCreated()}. */
    public Result create(Caller caller, NewKeypair keypair) {
        Result result = create(caller, keypair.members());
        if (result.status() == 200) {
            created.add(Map.entry(caller, keypair.name()));
        }
        return result;
    }

    /** Creates or imports, asserts 200, and returns the answer's {@code keypair}. */
    public JsonNode created(Caller caller, NewKeypair keypair) {
        return okKeypair(create(caller, keypair));
    }

    /** A key pair with a generated key that is not hosted. */
    public JsonNode generate(Caller caller, String name) {
        return created(caller, NewKeypair.named(name));
    }

    /** A key pair with a generated key hosted under {@code encryption}. */
    public JsonNode generateHosted(Caller caller, String name, String encryption) {
        return created(caller, NewKeypair.named(name).hosted(encryption));
    }

    /** Imports {@link #ED25519_PUBLIC} under each name, ten to a batch. */
    public void importMany(Caller caller, List<String> names) {
        for (int from = 0; from < names.size(); from += 10) {
            List<NewKeypair> batch = names.subList(from, Math.min(names.size(), from + 10)).stream()
                    .map(name -> NewKeypair.named(name).publicKey(ED25519_PUBLIC))
                    .toList();
            JsonNode answer = ok(batchImport(caller, batch));
            assertThat(answer.path("failed_keypairs").size()).as(answer.toString()).isZero();
        }
    }

    /** batchImportKeypairs; the key pairs it made are remembered for {@link #deleteCreated()}. */
    public Result batchImport(Caller caller, List<NewKeypair> keypairs) {
        String body = keypairs.stream().map(NewKeypair::json).collect(Collectors.joining(", ", "[", "]"));
        Result result = http.post(caller, "keypairs/batch-import", body);
        if (result.status() == 200) {
            result.json().path("succeeded_keypairs")
                    .forEach(entry -> created.add(Map.entry(caller, entry.path("keypair").path("name").asString())));
        }
        return result;
    }

    public Result show(Caller caller, String name) {
        return http.get(caller, "keypairs/" + name);
    }

    /** The {@code keypair} of showKeypair, asserting 200. */
    public JsonNode detail(Caller caller, String name) {
        return okKeypair(show(caller, name));
    }

    /** listKeypairs with a query such as {@code limit=2&marker=x}, or none for "". */
    public Result list(Caller caller, String query) {
        return http.get(caller, "keypairs" + (query.isEmpty() ? "" : "?" + query));
    }

    /**
     * Pages through every key pair the caller sees, {@code limit} at a time, checking each page's
     * {@code page_info} on the way; {@code betweenPages} runs after each page that has a next one,
     * with that page's names and its next marker. Returns the names in the order listed.
     */
    public List<String> listAll(Caller caller, int limit, BiConsumer<List<String>, String> betweenPages) {
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

    public List<String> listAll(Caller caller, int limit) {
        return listAll(caller, limit, (page, next) -> { });
    }

    /** The names of a listKeypairs answer, in order. */
    public static List<String> names(JsonNode listAnswer) {
        List<String> names = new ArrayList<>();
        listAnswer.path("keypairs").forEach(entry -> names.add(entry.path("keypair").path("name").asString()));
        return names;
    }

    public Result updateDescription(Caller caller, String name, String description) {
        return http.put(caller, "keypairs/" + name, """
                {"keypair": {"description": %s}}""".formatted(str(description)));
    }

    public Result delete(Caller caller, String name) {
        return http.delete(caller, "keypairs/" + name);
    }

    // ---- private keys ----------------------------------------------------------------------

    /** importPrivateKey of {@code privateKey} under {@code encryption} (a JSON object). */
    public Result importPrivateKey(Caller caller, String name, String privateKey, String encryption) {
        return http.post(caller, "keypairs/private-key/import", """
                {"keypair": {"name": %s, "key_protection": {"private_key": %s, "encryption": %s}}}"""
                .formatted(str(name), str(privateKey), encryption));
    }

    public Result exportPrivateKey(Caller caller, String name) {
        return http.post(caller, "keypairs/private-key/export", """
                {"keypair": {"name": %s}}""".formatted(str(name)));
    }

    /** The exported private key, asserting 200. */
    public String exported(Caller caller, String name) {
        JsonNode keypair = okKeypair(exportPrivateKey(caller, name));
        assertThat(keypair.path("name").asString()).isEqualTo(name);
        return keypair.path("private_key").asString();
    }

    public Result batchExport(Caller caller, String... names) {
        return http.post(caller, "keypairs/private-key/batch-export", Arrays.stream(names)
                .map(name -> """
                        {"keypair": {"name": %s}}""".formatted(str(name)))
                .collect(Collectors.joining(", ", "[", "]")));
    }

    public Result clearPrivateKey(Caller caller, String name) {
        return http.delete(caller, "keypairs/" + name + "/private-key");
    }

    // ---- what is stored, and clean-up ------------------------------------------------------

    /** Rows of that name in the project, straight from the database. */
    public static long rowsNamed(JdbcClient jdbc, String projectId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM keypair WHERE project_id = :project AND name = :name")
                .param("project", projectId)
                .param("name", name)
                .query(Long.class)
                .single();
    }

    /** A failed request stored nothing: the name is unknown to the API and absent from the database. */
    public void assertNameFree(JdbcClient jdbc, Caller caller, String name) {
        KpsAnswers.assertError(show(caller, name), 404, "KPS.4016");
        assertThat(rowsNamed(jdbc, caller.projectId(), name)).as("rows named %s", name).isZero();
    }

    /** Deletes what this instance created that still exists, whoever created it. */
    public void deleteCreated() {
        for (Map.Entry<Caller, String> keypair : created) {
            int status = delete(keypair.getKey(), keypair.getValue()).status();
            assertThat(status).as("clean-up of %s", keypair.getValue()).isIn(204, 404);
        }
        created.clear();
    }
}
