package org.openkps.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.crypto.KeyAssertions.assertRejected;
import static org.openkps.server.crypto.TestKeys.jdkKeyPair;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeysTest {

    private static KeyPair rsa;
    private static KeyPair otherRsa;
    private static KeyPair p256;
    private static KeyPair p384;
    private static KeyPair ed25519;
    private static KeyPair otherEd25519;

    @BeforeAll
    static void keys() throws Exception {
        rsa = jdkKeyPair("RSA");
        otherRsa = jdkKeyPair("RSA");
        p256 = jdkKeyPair("secp256r1");
        p384 = jdkKeyPair("secp384r1");
        ed25519 = jdkKeyPair("Ed25519");
        otherEd25519 = jdkKeyPair("Ed25519");
    }

    private static String randomBase64(int bytes) {
        byte[] data = new byte[bytes];
        new SecureRandom().nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    private static String pem(String label, String base64) {
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    @Test
    void pkcs1RoundTrip() {
        String pem = PrivateKeys.toPkcs1Pem((RSAPrivateCrtKey) rsa.getPrivate());
        PrivateKey parsed = PrivateKeys.parse(pem);
        assertThat(parsed).isInstanceOf(RSAPrivateCrtKey.class).isEqualTo(rsa.getPrivate());
        assertThat(PrivateKeys.matches(parsed, rsa.getPublic())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA", "secp256r1", "secp384r1", "secp521r1", "Ed25519"})
    void pkcs8RoundTripAndPublicKeyDerivation(String kind) throws Exception {
        KeyPair pair = jdkKeyPair(kind);
        PrivateKey parsed = PrivateKeys.parse(TestKeys.pkcs8Pem(pair.getPrivate()));
        assertThat(PrivateKeys.matches(parsed, pair.getPublic())).isTrue();
        assertThat(PrivateKeys.publicKeyOf(parsed)).isEqualTo(pair.getPublic());
        assertThat(PrivateKeys.publicKeyOf(pair.getPrivate())).isEqualTo(pair.getPublic());
    }

    @Test
    void toleratesCrLfAndTextAroundTheBlock() {
        String pem = TestKeys.pkcs8Pem(p256.getPrivate()).replace("\n", "\r\n");
        PrivateKey parsed = PrivateKeys.parse("my key:\r\n" + pem + "\r\n");
        assertThat(PrivateKeys.matches(parsed, p256.getPublic())).isTrue();
    }

    @Test
    void mismatchesAreFalseNotErrors() {
        assertThat(PrivateKeys.matches(rsa.getPrivate(), otherRsa.getPublic())).isFalse();
        assertThat(PrivateKeys.matches(rsa.getPrivate(), p256.getPublic())).isFalse();
        assertThat(PrivateKeys.matches(p256.getPrivate(), p384.getPublic())).isFalse();
        assertThat(PrivateKeys.matches(p384.getPrivate(), ed25519.getPublic())).isFalse();
        assertThat(PrivateKeys.matches(ed25519.getPrivate(), otherEd25519.getPublic())).isFalse();
        assertThat(PrivateKeys.matches(ed25519.getPrivate(), rsa.getPublic())).isFalse();
        assertThat(PrivateKeys.matches(ed25519.getPrivate(), ed25519.getPublic())).isTrue();
    }

    @Test
    void rsaKeyWithoutCrtParametersStillMatches() throws Exception {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) rsa.getPrivate();
        PrivateKey plain = KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));
        assertThat(PrivateKeys.matches(plain, rsa.getPublic())).isTrue();
        assertThat(PrivateKeys.matches(plain, otherRsa.getPublic())).isFalse();
        assertRejected(() -> PrivateKeys.publicKeyOf(plain), "lacks the CRT parameters");
    }

    @Test
    void keysFromBouncyCastleAreUnderstood() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", new BouncyCastleProvider());
        KeyPair pair = generator.generateKeyPair();
        assertThat(PrivateKeys.matches(pair.getPrivate(), pair.getPublic())).isTrue();
        assertThat(PrivateKeys.matches(pair.getPrivate(), ed25519.getPublic())).isFalse();
    }

    // ---- OpenSSH format, built field by field so each defect can be produced ----

    private static byte[] openSshEd25519(String cipher, long keys, byte[] publicBlob, int check2, int padding) {
        byte[] raw = Ed25519Keys.rawPublic(ed25519.getPublic());
        byte[] seed = Ed25519Keys.seedOf(ed25519.getPrivate()).orElseThrow();
        byte[] secret = Arrays.copyOf(seed, 64);
        System.arraycopy(raw, 0, secret, 32, 32);
        SshWire.Writer section = new SshWire.Writer().uint32(7).uint32(check2).string("ssh-ed25519")
                .string(raw).string(secret).string("comment");
        for (int i = 1; i <= 3; i++) {
            section.raw(new byte[] {(byte) (i == 2 ? padding : i)});
        }
        return new SshWire.Writer().raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
                .string(cipher).string(cipher.equals("none") ? "none" : "bcrypt").string(new byte[0])
                .uint32(keys).string(publicBlob).string(section.toByteArray()).toByteArray();
    }

    private static String openSshPem(byte[] data) {
        return pem("OPENSSH PRIVATE KEY", Base64.getMimeEncoder(70, "\n".getBytes()).encodeToString(data));
    }

    private static byte[] ownBlob() {
        return SshPublicKey.of(ed25519.getPublic()).blob();
    }

    @Test
    void openSshFormatIsRead() {
        PrivateKey key = PrivateKeys.parse(openSshPem(openSshEd25519("none", 1, ownBlob(), 7, 2)));
        assertThat(key).isEqualTo(ed25519.getPrivate());
    }

    @Test
    void openSshDefectsAreReported() {
        byte[] good = openSshEd25519("none", 1, ownBlob(), 7, 2);
        assertRejected(() -> PrivateKeys.parse(openSshPem(openSshEd25519("aes256-ctr", 1, ownBlob(), 7, 2))),
                "private_key is encrypted with a passphrase");
        assertRejected(() -> PrivateKeys.parse(openSshPem(openSshEd25519("none", 2, ownBlob(), 7, 2))),
                "the file holds 2 keys; exactly one is expected");
        assertRejected(() -> PrivateKeys.parse(openSshPem(openSshEd25519("none", 1, ownBlob(), 8, 2))),
                "the file is damaged");
        assertRejected(() -> PrivateKeys.parse(openSshPem(openSshEd25519("none", 1, ownBlob(), 7, 9))),
                "the padding of the private section is invalid");
        byte[] otherBlob = SshPublicKey.of(otherEd25519.getPublic()).blob();
        assertRejected(() -> PrivateKeys.parse(openSshPem(openSshEd25519("none", 1, otherBlob, 7, 2))),
                "the public key stored in the file does not belong to its private key");
        String truncated = openSshPem(Arrays.copyOf(good, good.length - 20));
        assertRejected(() -> PrivateKeys.parse(truncated),
                "private_key is not a valid OpenSSH private key: the key blob is truncated");
        String noMagic = openSshPem(Arrays.copyOfRange(good, 1, good.length));
        assertRejected(() -> PrivateKeys.parse(noMagic), "the openssh-key-v1 marker is missing");
    }

    // ---- rejections ----

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" \n "})
    void emptyInputIsRejected(String pem) {
        assertRejected(() -> PrivateKeys.parse(pem), "private_key is empty");
    }

    @Test
    void textWithoutPemIsRejected() {
        String base64 = randomBase64(300);
        assertRejected(() -> PrivateKeys.parse(base64), "private_key is not a PEM private key", base64);
    }

    @Test
    void certificateOrPublicKeyInsteadOfPrivateKeyIsRejected() {
        String body = randomBase64(100);
        assertRejected(() -> PrivateKeys.parse(pem("PUBLIC KEY", body)),
                "private_key contains a 'PUBLIC KEY' PEM block but no private key", body);
    }

    @Test
    void severalPrivateKeysAreRejected() {
        String two = TestKeys.pkcs8Pem(p256.getPrivate()) + TestKeys.pkcs8Pem(p384.getPrivate());
        assertRejected(() -> PrivateKeys.parse(two), "private_key contains 2 private keys; exactly one is expected");
    }

    @Test
    void encryptedPemHeadersAndBlocksAreRejected() {
        String body = randomBase64(600);
        String legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n" + body + "\n-----END RSA PRIVATE KEY-----\n";
        assertRejected(() -> PrivateKeys.parse(legacy), "private_key is encrypted with a passphrase", body);
        assertRejected(() -> PrivateKeys.parse(pem("ENCRYPTED PRIVATE KEY", body)),
                "private_key is encrypted with a passphrase", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSA PRIVATE KEY|PKCS#1 RSA", "PRIVATE KEY|PKCS#8", "EC PRIVATE KEY|SEC1 EC"})
    void garbageDerIsRejected(String labelAndFormat) {
        String[] parts = labelAndFormat.split("\\|");
        String body = randomBase64(200);
        assertRejected(() -> PrivateKeys.parse(pem(parts[0], body)),
                "private_key is not a valid " + parts[1] + " private key: its structure could not be decoded", body);
    }

    @Test
    void badBase64AndBrokenFramingAreRejected() {
        assertRejected(() -> PrivateKeys.parse(pem("PRIVATE KEY", "MIIE$$$$")),
                "the body of the 'PRIVATE KEY' block is not valid base64");
        String body = randomBase64(100);
        assertRejected(() -> PrivateKeys.parse("-----BEGIN PRIVATE KEY-----\n" + body + "\n"),
                "private_key is not valid PEM: the 'PRIVATE KEY' block has no END line", body);
        assertRejected(() -> PrivateKeys.parse("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----"),
                "ends with an END line of another type", body);
        assertRejected(() -> PrivateKeys.parse(pem("PRIVATE KEY", "")), "the 'PRIVATE KEY' block is empty");
    }

    @Test
    void dsaKeysAreRejected() throws Exception {
        KeyPair dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair();
        assertRejected(() -> PrivateKeys.parse(TestKeys.pkcs8Pem(dsa.getPrivate())),
                "DSA keys are not accepted: the algorithm is obsolete");
        assertRejected(() -> PrivateKeys.parse(pem("DSA PRIVATE KEY", randomBase64(400))), "DSA keys are not accepted");
    }

    @Test
    void weakOrUnsupportedKeysAreRejected() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(512);
        assertRejected(() -> PrivateKeys.parse(TestKeys.pkcs8Pem(small.generateKeyPair().getPrivate())),
                "RSA keys shorter than 1024 bits are not accepted (got 512)");
        PrivateKey x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair().getPrivate();
        assertRejected(() -> PrivateKeys.parse(TestKeys.pkcs8Pem(x25519)),
                "unsupported key algorithm (OID 1.3.101.110)");
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        k1.initialize(new ECGenParameterSpec("secp256k1"));
        assertRejected(() -> PrivateKeys.parse(TestKeys.pkcs8Pem(k1.generateKeyPair().getPrivate())),
                "only accepted on the curves P-256, P-384 and P-521");
    }

    @Test
    void otherFormatsAreNamed() {
        assertRejected(() -> PrivateKeys.parse("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n"),
                "PuTTY (.ppk) key");
        assertRejected(() -> PrivateKeys.parse(pem("PGP PRIVATE KEY", randomBase64(50))),
                "unsupported PEM type 'PGP PRIVATE KEY'");
    }
}
