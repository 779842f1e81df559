package org.openkps.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.openkps.server.crypto.KeyAssertions.assertRejected;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SshPublicKeyTest {

    private static KeyPair rsa;
    private static SshPublicKey rsaSsh;
    private static String rsaBase64;

    @BeforeAll
    static void keys() throws Exception {
        rsa = generate("RSA", 2048);
        rsaSsh = SshPublicKey.of(rsa.getPublic());
        rsaBase64 = rsaSsh.toOpenSshLine().split(" ")[1];
    }

    static KeyPair generate(String algorithm, int size) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (size > 0) {
            generator.initialize(size);
        }
        return generator.generateKeyPair();
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static String line(byte[] blob, String type) {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    private static byte[] rsaBlob(BigInteger exponent, BigInteger modulus) {
        return new SshWire.Writer().string("ssh-rsa").mpint(exponent).mpint(modulus).toByteArray();
    }

    private static void assertLineRejected(String line, String expected) {
        String[] fields = line.split(" ");
        assertRejected(() -> SshPublicKey.parse(line), expected, fields.length > 1 ? fields[1] : fields[0]);
    }

    @Test
    void rsaKeyRoundTripsThroughTheOpenSshLine() {
        SshPublicKey parsed = SshPublicKey.parse(rsaSsh.toOpenSshLine() + " alice@example.com");

        assertThat(parsed.type()).isEqualTo("ssh-rsa");
        assertThat(parsed.algorithm()).isEqualTo("RSA2048");
        assertThat(parsed.comment()).isEqualTo("alice@example.com");
        assertThat(parsed.publicKey()).isEqualTo(rsa.getPublic());
        assertThat(parsed.blob()).isEqualTo(rsaSsh.blob());
        assertThat(parsed).isEqualTo(TestKeys.withComment(rsaSsh, "alice@example.com")).isNotEqualTo(rsaSsh);
        assertThat(parsed.md5Fingerprint()).matches("([0-9a-f]{2}:){15}[0-9a-f]{2}").isEqualTo(rsaSsh.md5Fingerprint());
        assertThat(parsed.toOpenSshLine()).isEqualTo(rsaSsh.toOpenSshLine()).doesNotContain("alice");
    }

    @Test
    void blobFollowsTheRsaWireLayout() {
        RSAPublicKey key = (RSAPublicKey) rsa.getPublic();
        assertThat(rsaSsh.blob()).isEqualTo(rsaBlob(key.getPublicExponent(), key.getModulus()));
        assertThat(rsaBase64).startsWith("AAAAB3NzaC1yc2E");
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, ecdsa-sha2-nistp256, ECDSA256", "secp384r1, ecdsa-sha2-nistp384, ECDSA384",
        "secp521r1, ecdsa-sha2-nistp521, ECDSA521"})
    void ecKeysRoundTrip(String curve, String type, String algorithm) throws Exception {
        for (int i = 0; i < 8; i++) { // several keys, so short coordinates that need padding turn up
            PublicKey key = ec(curve).getPublic();
            SshPublicKey ssh = SshPublicKey.of(key);
            assertThat(ssh.type()).isEqualTo(type);
            assertThat(ssh.algorithm()).isEqualTo(algorithm);
            SshPublicKey parsed = SshPublicKey.parse(ssh.toOpenSshLine());
            assertThat(parsed.publicKey()).isEqualTo(key);
            assertThat(((ECPublicKey) parsed.publicKey()).getW()).isEqualTo(((ECPublicKey) key).getW());
            assertThat(parsed).isEqualTo(ssh);
        }
    }

    @Test
    void ed25519KeyRoundTrips() throws Exception {
        PublicKey key = generate("Ed25519", 0).getPublic();
        SshPublicKey ssh = SshPublicKey.of(key);
        assertThat(ssh.type()).isEqualTo("ssh-ed25519");
        assertThat(ssh.algorithm()).isEqualTo("ED25519");
        assertThat(ssh.blob()).hasSize(4 + 11 + 4 + 32);
        assertThat(SshPublicKey.parse(ssh.toOpenSshLine()).publicKey()).isEqualTo(key);
    }

    @Test
    void keysFromAnotherProviderEncodeTheSame() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", new BouncyCastleProvider());
        PublicKey bcKey = generator.generateKeyPair().getPublic();
        SshPublicKey ssh = SshPublicKey.of(bcKey);
        assertThat(ssh.publicKey().getEncoded()).isEqualTo(bcKey.getEncoded());
    }

    @Test
    void toleratesSurroundingWhitespaceAndKeepsCommentSpaces() {
        SshPublicKey parsed = SshPublicKey.parse("  " + rsaSsh.toOpenSshLine() + "\tmy laptop key \r\n");
        assertThat(parsed.comment()).isEqualTo("my laptop key");
        assertThat(parsed.publicKey()).isEqualTo(rsa.getPublic());
    }

    @Test
    void nonMinimalNumbersAreNormalisedSoFingerprintsMatchOpenSsh() {
        RSAPublicKey key = (RSAPublicKey) rsa.getPublic();
        byte[] padded = new SshWire.Writer().string("ssh-rsa").string(new byte[] {0, 0, 1, 0, 1})
                .mpint(key.getModulus()).toByteArray();
        SshPublicKey parsed = SshPublicKey.parse(line(padded, "ssh-rsa"));
        assertThat(parsed.blob()).isEqualTo(rsaSsh.blob());
    }

    @Test
    void fromBlobAndValueSemantics() {
        byte[] blob = rsaSsh.blob();
        SshPublicKey copy = SshPublicKey.fromBlob(blob);
        blob[10] ^= 1; // the record keeps its own copy
        assertThat(copy).isEqualTo(rsaSsh).hasSameHashCodeAs(rsaSsh);
        assertThat(copy.comment()).isEmpty();
        assertThat(copy.toString()).contains("RSA2048", rsaSsh.md5Fingerprint()).doesNotContain(rsaBase64);
    }

    @Test
    void sha256FingerprintHasOpenSshForm() {
        assertThat(TestKeys.sha256Fingerprint(rsaSsh)).matches("SHA256:[A-Za-z0-9+/]{43}");
    }

    // ---- rejections ----

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void emptyInputIsRejected(String line) {
        assertRejected(() -> SshPublicKey.parse(line), "public_key is empty");
    }

    @Test
    void severalLinesAreRejected() {
        String twoLines = rsaSsh.toOpenSshLine() + "\n" + rsaSsh.toOpenSshLine();
        assertRejected(() -> SshPublicKey.parse(twoLines), "must be a single line", rsaBase64);
    }

    @Test
    void base64WithoutTypeIsRejected() {
        assertRejected(() -> SshPublicKey.parse(rsaBase64), "start with a key type such as ssh-rsa", rsaBase64);
        assertRejected(() -> SshPublicKey.parse("from=\"10.0.0.1\" " + rsaSsh.toOpenSshLine()),
                "start with a key type", rsaBase64);
    }

    @Test
    void typeWithoutDataIsRejected() {
        assertRejected(() -> SshPublicKey.parse("ssh-rsa"), "base64 key data after the type is missing");
    }

    @Test
    void badBase64IsRejected() {
        assertLineRejected("ssh-rsa AAAA!!notbase64$$", "the key data is not valid base64");
    }

    @Test
    void truncatedBlobIsRejected() {
        byte[] blob = rsaSsh.blob();
        assertLineRejected(line(Arrays.copyOf(blob, blob.length - 10), "ssh-rsa"),
                "public_key is not a valid OpenSSH public key: the key blob is truncated");
        assertLineRejected(line(new byte[] {0, 0, 0}, "ssh-rsa"), "the key blob is truncated");
    }

    @Test
    void trailingGarbageIsRejected() {
        byte[] blob = Arrays.copyOf(rsaSsh.blob(), rsaSsh.blob().length + 3);
        assertLineRejected(line(blob, "ssh-rsa"), "the key blob has unexpected trailing data");
    }

    @Test
    void typePrefixMustMatchTheBlob() {
        assertLineRejected("ssh-ed25519 " + rsaBase64,
                "the key type prefix 'ssh-ed25519' does not match the key blob's type 'ssh-rsa'");
    }

    @Test
    void dsaIsRejectedAsObsolete() throws Exception {
        assertLineRejected("ssh-dss AAAAB3NzaC1kc3MAAACBAP", "DSA keys (ssh-dss) are not accepted: the algorithm is obsolete");
        assertRejected(() -> SshPublicKey.of(generate("DSA", 2048).getPublic()), "DSA keys are not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh-foo", "sk-ssh-ed25519@openssh.com", "ssh-rsa-cert-v01@openssh.com"})
    void unknownTypesAreRejected(String type) {
        assertLineRejected(type + " " + rsaBase64, "unsupported key type '" + type + "'");
    }

    @Test
    void smallRsaKeysAreRejected() throws Exception {
        RSAPublicKey small = (RSAPublicKey) generate("RSA", 512).getPublic();
        assertLineRejected(line(rsaBlob(small.getPublicExponent(), small.getModulus()), "ssh-rsa"),
                "RSA keys shorter than 1024 bits are not accepted (got 512)");
        assertRejected(() -> SshPublicKey.of(small), "RSA keys shorter than 1024 bits are not accepted (got 512)");
    }

    @Test
    void hugeRsaKeysAreRejected() {
        BigInteger modulus = new BigInteger(16392, new SecureRandom()).setBit(16391).setBit(0);
        assertLineRejected(line(rsaBlob(BigInteger.valueOf(65537), modulus), "ssh-rsa"),
                "RSA keys longer than 16384 bits are not accepted (got 16392)");
    }

    @Test
    void evenOrZeroModulusIsRejected() {
        BigInteger modulus = ((RSAPublicKey) rsa.getPublic()).getModulus();
        BigInteger e = BigInteger.valueOf(65537);
        assertLineRejected(line(rsaBlob(e, modulus.clearBit(0)), "ssh-rsa"), "the RSA modulus is invalid");
        assertLineRejected(line(rsaBlob(e, BigInteger.ZERO), "ssh-rsa"), "the RSA modulus is invalid");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65536})
    void badExponentIsRejected(int exponent) {
        BigInteger modulus = ((RSAPublicKey) rsa.getPublic()).getModulus();
        assertLineRejected(line(rsaBlob(BigInteger.valueOf(exponent), modulus), "ssh-rsa"),
                "the RSA public exponent is invalid");
    }

    @Test
    void exponentAboveModulusIsRejected() {
        BigInteger modulus = ((RSAPublicKey) rsa.getPublic()).getModulus();
        assertLineRejected(line(rsaBlob(modulus.add(BigInteger.TWO), modulus), "ssh-rsa"),
                "the RSA public exponent is invalid");
    }

    @Test
    void negativeNumbersAreRejected() {
        byte[] blob = new SshWire.Writer().string("ssh-rsa").string(new byte[] {(byte) 0x81, 1})
                .mpint(((RSAPublicKey) rsa.getPublic()).getModulus()).toByteArray();
        assertLineRejected(line(blob, "ssh-rsa"), "a number in the key blob is negative");
    }

    private static byte[] ecBlob(String type, String curveName, byte[] point) {
        return new SshWire.Writer().string(type).string(curveName).string(point).toByteArray();
    }

    private static byte[] pointOf(KeyPair pair) {
        byte[] blob = SshPublicKey.of(pair.getPublic()).blob();
        SshWire.Reader reader = new SshWire.Reader(blob, "test");
        reader.readBytes();
        reader.readBytes();
        return reader.readBytes();
    }

    @Test
    void ecCurveInsideBlobMustMatchType() throws Exception {
        byte[] point = pointOf(ec("secp384r1"));
        assertLineRejected(line(ecBlob("ecdsa-sha2-nistp256", "nistp384", point), "ecdsa-sha2-nistp256"),
                "the key type 'ecdsa-sha2-nistp256' does not match the curve 'nistp384'");
    }

    @Test
    void ecPointMustBeOnTheCurve() throws Exception {
        byte[] point = pointOf(ec("secp256r1"));
        point[point.length - 1] ^= 1;
        assertLineRejected(line(ecBlob("ecdsa-sha2-nistp256", "nistp256", point), "ecdsa-sha2-nistp256"),
                "the EC point is not on the curve nistp256");
    }

    @Test
    void ecPointMustBeUncompressedAndComplete() throws Exception {
        byte[] point = pointOf(ec("secp256r1"));
        byte[] compressed = Arrays.copyOf(point, 33);
        compressed[0] = 0x02;
        assertLineRejected(line(ecBlob("ecdsa-sha2-nistp256", "nistp256", compressed), "ecdsa-sha2-nistp256"),
                "compressed EC points are not supported");
        assertLineRejected(line(ecBlob("ecdsa-sha2-nistp256", "nistp256", Arrays.copyOf(point, 64)),
                "ecdsa-sha2-nistp256"), "the EC point is not a valid uncompressed nistp256 point");
    }

    @Test
    void unsupportedCurvesAreRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        PublicKey key = generator.generateKeyPair().getPublic();
        assertRejected(() -> SshPublicKey.of(key), "only accepted on the curves P-256, P-384 and P-521");
    }

    @Test
    void ed25519KeyMustBe32BytesAndAValidPoint() {
        byte[] shortKey = new SshWire.Writer().string("ssh-ed25519").string(new byte[31]).toByteArray();
        assertLineRejected(line(shortKey, "ssh-ed25519"), "an Ed25519 key must be 32 bytes long (got 31)");
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        byte[] blob = new SshWire.Writer().string("ssh-ed25519").string(notAPoint).toByteArray();
        assertLineRejected(line(blob, "ssh-ed25519"), "the Ed25519 key is not a valid curve point");
    }

    @Test
    void otherAlgorithmsAreRejected() throws Exception {
        assertRejected(() -> SshPublicKey.of(generate("X25519", 0).getPublic()), "keys of the algorithm");
        assertThatNullPointerException().isThrownBy(() -> SshPublicKey.of(null));
    }
}
