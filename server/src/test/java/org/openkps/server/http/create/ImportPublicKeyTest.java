package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertDoesNotEcho;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.KpsAnswers.assertKpsException;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.PROJECT;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkps.client.KpsException;
import org.openkps.client.invoker.ApiException;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.CreatedKeypair;
import org.openkps.client.model.KeypairType;
import org.openkps.server.support.Json;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.SshBlobs;
import org.openkps.server.support.TestCallers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** createKeypair with a public key: what ssh-keygen and openssl make is taken, anything else refused clearly. */
@KpsServerTest
class ImportPublicKeyTest extends KpsApiTest {

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} comment ''{2}''")
    @CsvSource(delimiter = '|', textBlock = """
            rsa     | 2048 | alice@laptop | RSA2048
            rsa     | 2048 |              | RSA2048
            rsa     | 4096 | build key    | RSA4096
            ed25519 | 0    | ed@host      | ED25519
            ed25519 | 0    |              | ED25519
            ecdsa   | 256  | p256         | ECDSA256
            ecdsa   | 384  |              | ECDSA384
            ecdsa   | 521  | p521@host    | ECDSA521
            """)
    void sshKeygenKeysAreImportedWithTheirSshKeygenFingerprint(String type, int bits, String comment,
                                                              String algorithm) throws ApiException {
        Path key = KeyTools.sshKeygen(dir, "id", type, bits, null, comment == null ? "" : comment);
        Path publicFile = Path.of(key + ".pub");
        String line = KeyTools.read(publicFile).strip();
        String name = TestCallers.uniqueName("import-" + type);

        CreatedKeypair imported = importKey(name, KeypairType.SSH, line);

        assertThat(imported.getFingerprint()).isEqualTo(KeyTools.sshMd5(dir, publicFile));
        assertThat(imported.getPrivateKey()).as("an import returns no private key").isNull();
        assertThat(imported.getPublicKey()).isEqualTo(line);
        assertThat(imported.getUserId()).isEqualTo(ALICE.userId());
        assertThat(api.client(ALICE).keypairs().showKeypair(PROJECT, name).getKeypair().getAlgorithm())
                .isEqualTo(algorithm);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rsa:2048, RSA2048", "ec -pkeyopt ec_paramgen_curve:P-256, ECDSA256"})
    void opensslCertificatesAreImportedAsX509WithTheirSha1Fingerprint(String newkey, String algorithm)
            throws ApiException {
        Path certificate = dir.resolve("cert.pem");
        String[] keyOptions = newkey.split(" ");
        String[] command = Stream.concat(Stream.of("openssl", "req", "-x509", "-nodes", "-newkey"),
                Stream.concat(Arrays.stream(keyOptions), Stream.of("-keyout", dir.resolve("cert.key").toString(),
                        "-out", certificate.toString(), "-subj", "/CN=imported", "-days", "2")))
                .toArray(String[]::new);
        KeyTools.run(dir, command);
        String name = TestCallers.uniqueName("import-x509");

        CreatedKeypair imported = importKey(name, KeypairType.X509, KeyTools.read(certificate));

        assertThat(imported.getType()).isEqualTo(KeypairType.X509);
        assertThat(imported.getFingerprint()).isEqualTo(KeyTools.opensslSha1(dir, certificate));
        assertThat(imported.getPrivateKey()).isNull();
        Path returned = KeyTools.write(dir.resolve("returned.pem"), imported.getPublicKey());
        assertThat(KeyTools.opensslSha1(dir, returned)).as("the certificate handed back is the one imported")
                .isEqualTo(imported.getFingerprint());
        assertThat(api.client(ALICE).keypairs().showKeypair(PROJECT, name).getKeypair().getAlgorithm())
                .isEqualTo(algorithm);
    }

    /** What is refused, and a word the message must use to say why. */
    static Stream<Arguments> refusedPublicKeys() {
        String rsa = SshBlobs.rsaLine(2048);
        byte[] rsaBlob = SshBlobs.decode(rsa);
        String truncated = "ssh-rsa " + Base64.getEncoder().encodeToString(Arrays.copyOf(rsaBlob, 150));
        String garbageCertificate = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString("this is not DER, just some text".repeat(8).getBytes())
                + "\n-----END CERTIFICATE-----\n";
        return Stream.of(
                Arguments.of("junk", "ssh", "this is not a public key", "key type"),
                Arguments.of("junk base64", "ssh", "ssh-rsa !!!notbase64!!!", "base64"),
                Arguments.of("truncated blob", "ssh", truncated, "truncated"),
                Arguments.of("prefix disagrees with blob", "ssh", "ssh-ed25519 " + rsa.split(" ")[1], "does not match"),
                Arguments.of("RSA 512", "ssh", SshBlobs.rsaLine(512), "1024"),
                Arguments.of("RSA 768", "ssh", SshBlobs.rsaLine(768), "1024"),
                Arguments.of("ssh-dss", "ssh", SshBlobs.dssLine(), "DSA"),
                Arguments.of("x509 given an ssh line", "x509", rsa, "certificate"),
                Arguments.of("garbage certificate", "x509", garbageCertificate, "certificate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPublicKeys")
    void unusablePublicKeysAreRefusedWithAReasonAndStoreNothing(String what, String type, String publicKey,
                                                                String reason) {
        String name = TestCallers.uniqueName("refused");

        String message = assertInvalid(api.create(ALICE, """
                "name": %s, "type": %s, "public_key": %s""".formatted(
                Json.str(name), Json.str(type), Json.str(publicKey))));

        assertThat(message).contains("public_key").containsIgnoringCase(reason);
        assertDoesNotEcho(message, keyData(publicKey));
        api.assertNameFree(jdbc, ALICE, name);
    }

    @Test
    void theGeneratedClientSeesARefusalAsATypedKpsException() {
        String name = TestCallers.uniqueName("refused-client");

        KpsException refused = assertKpsException(() -> importKey(name, KeypairType.SSH, SshBlobs.dssLine()),
                400, "KPS.0002");

        assertThat(refused.getErrorMsg()).contains("keypair.public_key").contains("DSA");
    }

    private CreatedKeypair importKey(String name, KeypairType type, String publicKey) throws ApiException {
        return api.client(ALICE).keypairs().createKeypair(PROJECT, new CreateKeypairRequest()
                .keypair(new CreateKeypairAction().name(name).type(type).publicKey(publicKey))).getKeypair();
    }

    /** The part of a public key a message must not quote: the base64 of a line, or a PEM body. */
    private static String keyData(String publicKey) {
        String[] fields = publicKey.split(" ");
        if (publicKey.startsWith("-----BEGIN")) {
            return publicKey.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        }
        return fields.length > 1 ? fields[1] : publicKey;
    }
}
