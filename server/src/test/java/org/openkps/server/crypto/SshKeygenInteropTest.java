package org.openkps.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.crypto.KeyAssertions.assertRejected;
import static org.openkps.server.crypto.TestKeys.jdkKeyPair;
import static org.openkps.server.support.KeyTools.run;
import static org.openkps.server.support.KeyTools.sshKeygen;
import static org.openkps.server.support.KeyTools.sshMd5;
import static org.openkps.server.support.KeyTools.sshPublicOf;
import static org.openkps.server.support.KeyTools.typeAndBase64;
import static org.openkps.server.support.KeyTools.writeSecret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.support.KeyTools;

/** Checks our encodings and parsers against the real ssh-keygen (OpenSSH). */
class SshKeygenInteropTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void generateKeysWithSshKeygen() {
        keygen("rsa2048", "rsa", 2048, null, "");
        keygen("rsa4096", "rsa", 4096, null, "");
        keygen("ed25519", "ed25519", 0, null, "");
        keygen("ecdsa256", "ecdsa", 256, null, "");
        keygen("ecdsa384", "ecdsa", 384, null, "");
        keygen("ecdsa521", "ecdsa", 521, null, "");
        keygen("rsa-pem", "rsa", 2048, "PEM", "");
        keygen("ecdsa-pem", "ecdsa", 384, "PEM", "");
        keygen("rsa-pkcs8", "rsa", 2048, "PKCS8", "");
        keygen("ecdsa-pkcs8", "ecdsa", 521, "PKCS8", "");
        keygen("dsa", "dsa", 0, null, "");
        keygen("enc-openssh", "ed25519", 0, null, "correct horse");
        keygen("enc-pem", "rsa", 2048, "PEM", "correct horse");
        keygen("enc-pkcs8", "ecdsa", 256, "PKCS8", "correct horse");
    }

    /** dir/name and dir/name.pub, commented {@code name@test}. */
    private static void keygen(String name, String type, int bits, String format, String passphrase) {
        sshKeygen(dir, name, type, bits, format, name + "@test", passphrase);
    }

    private static String read(String file) throws Exception {
        return Files.readString(dir.resolve(file));
    }

    @Test
    void sshKeygenDerivesOurPublicLineFromOurGeneratedPrivateKey() throws Exception {
        GeneratedKeyPair generated = new SshKeyGenerator().generateRsa2048();
        Path privateFile = writeSecret(dir.resolve("ours"), generated.privateKeyPem());

        String derived = sshPublicOf(dir, privateFile);

        assertThat(derived).isEqualTo(generated.publicKey().toOpenSshLine());
    }

    @Test
    void sshKeygenFingerprintOfOurGeneratedKeyMatches() throws Exception {
        GeneratedKeyPair generated = new SshKeyGenerator().generateRsa2048();
        Path publicFile = dir.resolve("ours-fp.pub");
        Files.writeString(publicFile, generated.publicKey().toOpenSshLine() + " ours\n");

        assertThat(sshMd5(dir, publicFile)).isEqualTo(generated.publicKey().md5Fingerprint());
    }

    @ParameterizedTest
    @CsvSource({"rsa2048, ssh-rsa, RSA2048", "rsa4096, ssh-rsa, RSA4096", "ed25519, ssh-ed25519, ED25519",
        "ecdsa256, ecdsa-sha2-nistp256, ECDSA256", "ecdsa384, ecdsa-sha2-nistp384, ECDSA384",
        "ecdsa521, ecdsa-sha2-nistp521, ECDSA521"})
    void parsesSshKeygenPublicKeysWithMatchingFingerprints(String name, String type, String algorithm)
            throws Exception {
        Path publicFile = dir.resolve(name + ".pub");
        String line = Files.readString(publicFile);

        SshPublicKey key = SshPublicKey.parse(line);

        assertThat(key.type()).isEqualTo(type);
        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(key.comment()).isEqualTo(name + "@test");
        assertThat(key.toOpenSshLine()).isEqualTo(typeAndBase64(line));
        assertThat(key.md5Fingerprint()).isEqualTo(sshMd5(dir, publicFile));
        assertThat(TestKeys.sha256Fingerprint(key)).isEqualTo(KeyTools.sshSha256(dir, publicFile));
        assertThat(SshPublicKey.of(key.publicKey())).isEqualTo(TestKeys.withComment(key, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "secp256r1", "secp384r1", "secp521r1", "RSA"})
    void sshKeygenAcceptsKeysWeEncode(String kind) throws Exception {
        for (int i = 0; i < (kind.equals("RSA") ? 1 : 4); i++) {
            PublicKey key = jdkKeyPair(kind).getPublic();
            SshPublicKey ssh = SshPublicKey.of(key);
            Path publicFile = Files.writeString(dir.resolve("jdk-" + kind + i + ".pub"), ssh.toOpenSshLine() + "\n");
            assertThat(sshMd5(dir, publicFile)).isEqualTo(ssh.md5Fingerprint());
        }
    }

    @ParameterizedTest
    @CsvSource({"rsa2048, OPENSSH PRIVATE KEY, rsa4096", "ed25519, OPENSSH PRIVATE KEY, ecdsa256",
        "ecdsa256, OPENSSH PRIVATE KEY, ecdsa-pkcs8", "ecdsa384, OPENSSH PRIVATE KEY, ecdsa-pem",
        "ecdsa521, OPENSSH PRIVATE KEY, ecdsa-pkcs8", "rsa-pem, RSA PRIVATE KEY, rsa-pkcs8",
        "ecdsa-pem, EC PRIVATE KEY, ecdsa384", "rsa-pkcs8, PRIVATE KEY, rsa-pem",
        "ecdsa-pkcs8, PRIVATE KEY, ecdsa521"})
    void parsesSshKeygenPrivateKeysAndMatchesThemToTheirPublicKeys(String name, String pemType, String other)
            throws Exception {
        String pem = read(name);
        assertThat(pem).startsWith("-----BEGIN " + pemType + "-----");
        PublicKey own = SshPublicKey.parse(read(name + ".pub")).publicKey();
        PublicKey otherSameType = SshPublicKey.parse(read(other + ".pub")).publicKey();
        PublicKey otherType = SshPublicKey.parse(read(name.startsWith("ed") ? "rsa2048.pub" : "ed25519.pub"))
                .publicKey();

        PrivateKey key = PrivateKeys.parse(pem);

        assertThat(key).isInstanceOfAny(RSAPrivateCrtKey.class, ECPrivateKey.class,
                java.security.interfaces.EdECPrivateKey.class);
        assertThat(PrivateKeys.matches(key, own)).isTrue();
        assertThat(PrivateKeys.matches(key, otherSameType)).isFalse();
        assertThat(PrivateKeys.matches(key, otherType)).isFalse();
        assertThat(PrivateKeys.publicKeyOf(key)).isEqualTo(own);
    }

    @Test
    void sshKeygenReadsThePkcs8KeysWeWrite() throws Exception {
        KeyPair pair = jdkKeyPair("secp384r1");
        Path privateFile = writeSecret(dir.resolve("ours-ec"), TestKeys.pkcs8Pem(pair.getPrivate()));

        String derived = sshPublicOf(dir, privateFile);

        assertThat(derived).isEqualTo(SshPublicKey.of(pair.getPublic()).toOpenSshLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"enc-openssh", "enc-pem", "enc-pkcs8"})
    void encryptedKeysAreRejected(String name) throws Exception {
        String pem = read(name);
        String firstBodyLine = pem.lines().filter(l -> !l.startsWith("-----") && !l.contains(":") && !l.isBlank())
                .findFirst().orElseThrow();
        assertRejected(() -> PrivateKeys.parse(pem),
                "private_key is encrypted with a passphrase; import it unencrypted", firstBodyLine);
    }

    @Test
    void dsaKeysFromSshKeygenAreRejected() throws Exception {
        String line = read("dsa.pub");
        assertRejected(() -> SshPublicKey.parse(line), "DSA keys (ssh-dss) are not accepted",
                line.split(" ")[1]);
        assertRejected(() -> PrivateKeys.parse(read("dsa")), "DSA keys (ssh-dss) are not accepted");
    }

    @Test
    void secEcKeyWithParametersBlockFromOpenSslIsRead() throws Exception {
        String pem = run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey");
        assertThat(pem).contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");
        Path file = writeSecret(dir.resolve("openssl-ec"), pem);
        PublicKey expected = SshPublicKey.parse(
                run(dir, "ssh-keygen", "-y", "-f", file.toString())).publicKey();

        assertThat(PrivateKeys.matches(PrivateKeys.parse(pem), expected)).isTrue();
    }
}
