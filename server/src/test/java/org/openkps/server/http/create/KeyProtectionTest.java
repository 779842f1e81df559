package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertDoesNotEcho;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.okKeypair;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.KMS_BY_ID;
import static org.openkps.server.support.KpsApi.KMS_BY_NAME;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.KMS_KEY_ID;
import static org.openkps.server.support.TestCallers.PROJECT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkps.client.invoker.ApiException;
import org.openkps.client.model.ExportPrivateKeyRequest;
import org.openkps.client.model.KeypairReference;
import org.openkps.server.KpsSettings;
import org.openkps.server.support.Json;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * key_protection on createKeypair: the private key is hosted under the requested protection, exported
 * byte for byte, refused with a reason when it cannot be, and never stored in plaintext.
 */
@KpsServerTest
class KeyProtectionTest extends KpsApiTest {

    @TempDir
    static Path keys;
    private static String publicKey;
    private static String privateKey;
    private static String otherPrivateKey;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KpsSettings settings;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeKeys() {
        Path key = KeyTools.sshKeygen(keys, "mine", "ed25519", 0, null, "mine");
        publicKey = KeyTools.read(Path.of(key + ".pub")).strip();
        privateKey = KeyTools.read(key);
        otherPrivateKey = KeyTools.read(KeyTools.sshKeygen(keys, "other", "ed25519", 0, null, "other"));
    }

    static Stream<Arguments> protections() {
        return Stream.of(
                Arguments.of("default", DEFAULT, null),
                Arguments.of("kms by id", KMS_BY_ID, KMS_KEY_ID),
                Arguments.of("kms by name", KMS_BY_NAME, KMS_KEY_ID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protections")
    void createdKeyPairHostsItsGeneratedPrivateKeyAndExportsItByteForByte(String what, String encryption,
                                                                         String keyId) {
        String name = TestCallers.uniqueName("hosted-created");

        JsonNode created = okKeypair(api.create(ALICE, """
                "name": %s, "key_protection": {"encryption": %s}""".formatted(Json.str(name), encryption)));

        String generated = created.path("private_key").asString();
        assertThat(generated).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(okKeypair(api.exportPrivateKey(ALICE, name)).path("private_key").asString()).isEqualTo(generated);
        JsonNode shown = okKeypair(api.show(ALICE, name));
        assertThat(shown.path("is_key_protection").asBoolean()).isTrue();
        assertThat(shown.path("key_id").isMissingNode() ? null : shown.path("key_id").asString()).isEqualTo(keyId);
    }

    @ParameterizedTest(name = "{0} {1} -m {2}, {3}")
    @CsvSource(delimiter = '|', textBlock = """
            rsa     | 2048 | OpenSSH | default
            rsa     | 2048 | PEM     | kms by id
            rsa     | 2048 | PKCS8   | kms by name
            ecdsa   | 256  | PEM     | default
            ecdsa   | 384  | PKCS8   | kms by id
            ed25519 | 0    | OpenSSH | kms by name
            """)
    void importedKeyPairHostsTheGivenPrivateKeyAndExportsItByteForByte(String type, int bits, String format,
                                                                      String protection) throws ApiException {
        Path key = KeyTools.sshKeygen(dir, "id", type, bits, format.equals("OpenSSH") ? null : format, "hosted");
        String hosted = KeyTools.read(key);
        Path publicFile = Path.of(key + ".pub");
        String name = TestCallers.uniqueName("hosted-imported");

        JsonNode imported = okKeypair(api.create(ALICE, """
                "name": %s, "public_key": %s, "key_protection": {"private_key": %s, "encryption": %s}"""
                .formatted(Json.str(name), Json.str(KeyTools.read(publicFile)), Json.str(hosted), encryption(protection))));

        assertThat(imported.has("private_key")).as("an import returns no private key").isFalse();
        assertThat(imported.path("fingerprint").asString()).isEqualTo(KeyTools.sshMd5(dir, publicFile));
        String exported = api.client(ALICE).privateKeys().exportPrivateKey(PROJECT,
                new ExportPrivateKeyRequest().keypair(new KeypairReference().name(name))).getKeypair().getPrivateKey();
        assertThat(exported).isEqualTo(hosted);
    }

    /** Requests that must fail, as templates over {name}, {public}, {private} and {other}. */
    static Stream<Arguments> refusedProtections() {
        return Stream.of(
                Arguments.of("kms without a key", """
                        "name": {name}, "key_protection": {"encryption": {"type": "kms"}}""",
                        "KPS.0002", "kms_key"),
                Arguments.of("unknown kms key id", """
                        "name": {name}, "key_protection": {"encryption":
                            {"type": "kms", "kms_key_id": "00000000-0000-4000-8000-000000000000"}}""",
                        "KPS.0002", "kms_key_id"),
                Arguments.of("unknown kms key name on an import", """
                        "name": {name}, "public_key": {public}, "key_protection": {"private_key": {private},
                            "encryption": {"type": "kms", "kms_key_name": "kps/nope"}}""",
                        "KPS.0002", "kms_key_name"),
                Arguments.of("kms without a key on an import", """
                        "name": {name}, "public_key": {public}, "key_protection": {"private_key": {private},
                            "encryption": {"type": "kms"}}""",
                        "KPS.0002", "kms_key"),
                Arguments.of("private key of another key pair", """
                        "name": {name}, "public_key": {public}, "key_protection": {"private_key": {other},
                            "encryption": {"type": "default"}}""",
                        "KPS.6011", "does not match"),
                Arguments.of("import with key_protection but no private_key", """
                        "name": {name}, "public_key": {public}, "key_protection": {"encryption": {"type": "default"}}""",
                        "KPS.0002", "private_key"),
                Arguments.of("private_key on a created key pair", """
                        "name": {name}, "key_protection": {"private_key": {private}, "encryption": {"type": "default"}}""",
                        "KPS.0002", "private_key"),
                Arguments.of("unreadable private key", """
                        "name": {name}, "public_key": {public}, "key_protection": {"private_key":
                            "-----BEGIN PRIVATE KEY-----\\nbm90IGEga2V5\\n-----END PRIVATE KEY-----\\n",
                            "encryption": {"type": "default"}}""",
                        "KPS.0002", "private_key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedProtections")
    void refusedProtectionAnswers400AndLeavesTheNameFree(String what, String template, String code, String reason) {
        String name = TestCallers.uniqueName("refused-protection");
        String members = template.replace("{name}", Json.str(name))
                .replace("{public}", Json.str(publicKey))
                .replace("{private}", Json.str(privateKey))
                .replace("{other}", Json.str(otherPrivateKey));

        String message = assertError(api.create(ALICE, members), 400, code);

        assertThat(message).contains(reason);
        assertDoesNotEcho(message, pemBody(privateKey));
        assertDoesNotEcho(message, pemBody(otherPrivateKey));
        api.assertNameFree(jdbc, ALICE, name);
        okKeypair(api.create(ALICE, """
                "name": %s, "public_key": %s""".formatted(Json.str(name), Json.str(publicKey))));
    }

    @Test
    void neitherTheDatabaseNorTheDataDirectoryEverHoldsAHostedPrivateKeyInPlaintext() throws IOException {
        JsonNode created = okKeypair(api.create(ALICE, """
                "name": %s, "key_protection": {"encryption": %s}""".formatted(
                Json.str(TestCallers.uniqueName("plaintext-created")), DEFAULT)));
        Path rsa = KeyTools.sshKeygen(dir, "rsa", "rsa", 2048, "PKCS8", "plaintext");
        okKeypair(api.create(ALICE, """
                "name": %s, "public_key": %s, "key_protection": {"private_key": %s, "encryption": %s}""".formatted(
                Json.str(TestCallers.uniqueName("plaintext-imported")), Json.str(KeyTools.read(Path.of(rsa + ".pub"))),
                Json.str(KeyTools.read(rsa)), KMS_BY_NAME)));
        Map<String, String> publicKeyOfHosted = Map.of(
                created.path("private_key").asString(), created.path("public_key").asString(),
                KeyTools.read(rsa), KeyTools.read(Path.of(rsa + ".pub")));

        Map<String, List<String>> columns = textColumns();
        assertThat(columns).containsKeys("KEYPAIR.PUBLIC_KEY", "HOSTED_PRIVATE_KEY.CIPHERTEXT",
                "HOSTED_PRIVATE_KEY.WRAPPED_DATA_KEY");
        String stored = String.join("\n", columns.values().stream().flatMap(List::stream).toList());
        String files = dataDirectoryText();
        String createdPublic = created.path("public_key").asString().split(" ")[1];
        assertThat(stored).as("the scan sees what is stored").contains(createdPublic);
        assertThat(files).as("the scan sees what is stored").contains(createdPublic.substring(0, 64));

        for (Map.Entry<String, String> hosted : publicKeyOfHosted.entrySet()) {
            for (String needle : needles(hosted.getKey(), hosted.getValue())) {
                assertThat(stored).as("the database holds a private key in plaintext").doesNotContain(needle);
                assertThat(files).as("the data directory holds a private key in plaintext").doesNotContain(needle);
            }
        }
    }

    /** Every value of every text column of every table, by TABLE.COLUMN. */
    private Map<String, List<String>> textColumns() {
        Map<String, List<String>> values = new TreeMap<>();
        jdbc.sql("""
                SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS
                 WHERE TABLE_SCHEMA = 'PUBLIC' AND DATA_TYPE LIKE 'CHARACTER%'""")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                .list()
                .forEach(c -> values.put(c[0] + "." + c[1], jdbc.sql(
                        "SELECT \"" + c[1] + "\" FROM \"PUBLIC\".\"" + c[0] + "\" WHERE \"" + c[1] + "\" IS NOT NULL")
                        .query(String.class).list()));
        return values;
    }

    /**
     * Every file under kps.data-dir (the H2 files, the key files), read as bytes, and what the H2 file holds as H2
     * writes it out: its pages are compressed (decision 132), so their text is not in its bytes.
     */
    private String dataDirectoryText() throws IOException {
        StringBuilder text = new StringBuilder(String.join("\n", jdbc.sql("SCRIPT").query(String.class).list()));
        try (Stream<Path> files = Files.walk(settings.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    /**
     * What would betray a PEM key: its marker, its whole base64 body, and each full base64 line, except
     * lines that are public anyway (an RSA key's modulus can line up with the public key's base64).
     */
    private static List<String> needles(String pem, String publicKey) {
        List<String> needles = new ArrayList<>(List.of("PRIVATE KEY", pemBody(pem)));
        pem.lines().filter(line -> !line.startsWith("-----") && line.length() >= 32)
                .filter(line -> !publicKey.contains(line))
                .forEach(needles::add);
        return needles;
    }

    private static String pemBody(String pem) {
        return String.join("", pem.lines().filter(line -> !line.startsWith("-----")).toList());
    }

    private static String encryption(String protection) {
        return switch (protection) {
            case "default" -> DEFAULT;
            case "kms by id" -> KMS_BY_ID;
            case "kms by name" -> KMS_BY_NAME;
            default -> throw new IllegalArgumentException(protection);
        };
    }
}
