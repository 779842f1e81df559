package org.openkps.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.openkps.server.crypto.KeyAssertions.assertRejected;
import static org.openkps.server.crypto.TestKeys.jdkKeyPair;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openkps.server.support.KeyTools;

class X509CertificatesTest {

    private static final String TRICKY_NAME = "ACME, Inc. + \"tools\" = #1 <ä>";

    @TempDir
    static Path dir;
    private static KeyPair rsa;
    private static String rsaPem;

    @BeforeAll
    static void certificate() throws Exception {
        rsa = jdkKeyPair("RSA");
        rsaPem = X509Certificates.selfSigned(rsa, TRICKY_NAME);
    }

    /** A certificate built without our acceptance rules, for keys we must refuse. */
    private static String unrestrictedCertificate(KeyPair pair, String signatureAlgorithm) throws Exception {
        X500Name name = new X500Name("CN=test");
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(),
                Date.from(Instant.now().plus(Duration.ofDays(1))), name, pair.getPublic())
                .build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate())).getEncoded();
        return Pem.encode("CERTIFICATE", der);
    }

    private static String body(String pem) {
        return pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    }

    @Test
    void selfSignedRoundTrip() throws Exception {
        X509Certificates.ParsedCertificate parsed = X509Certificates.parse(rsaPem);
        X509Certificate certificate = parsed.certificate();

        assertThat(parsed.publicKey()).isEqualTo(rsa.getPublic());
        assertThat(parsed.algorithm()).isEqualTo("RSA2048");
        assertThat(parsed.pem()).isEqualTo(rsaPem);
        assertThat(parsed.sha1Fingerprint())
                .isEqualTo(Fingerprints.sha1(certificate.getEncoded()))
                .matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        assertThat(SshPublicKey.of(parsed.publicKey())).isEqualTo(SshPublicKey.of(rsa.getPublic()));
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(certificate.getSerialNumber()).isPositive();
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        certificate.verify(rsa.getPublic());
        certificate.checkValidity();
        assertThat(certificate.getNotAfter().toInstant())
                .isBetween(Instant.now().plus(Duration.ofDays(3650)), Instant.now().plus(Duration.ofDays(3654)));
    }

    @Test
    void commonNameIsOneEscapedValue() {
        X509Certificate certificate = X509Certificates.parse(rsaPem).certificate();
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs();
        assertThat(rdns).hasSize(1);
        assertThat(rdns[0].isMultiValued()).isFalse();
        assertThat(rdns[0].getFirst().getType()).isEqualTo(BCStyle.CN);
        assertThat(IETFUtils.valueToString(rdns[0].getFirst().getValue())).isNotEqualTo(TRICKY_NAME);
        assertThat(rdns[0].getFirst().getValue().toString()).isEqualTo(TRICKY_NAME);
    }

    @ParameterizedTest
    @CsvSource({"secp256r1, ECDSA256, SHA256withECDSA", "secp384r1, ECDSA384, SHA384withECDSA",
        "secp521r1, ECDSA521, SHA512withECDSA", "Ed25519, ED25519, Ed25519"})
    void otherKeyTypesRoundTrip(String kind, String algorithm, String signature) throws Exception {
        KeyPair pair = jdkKeyPair(kind);
        X509Certificates.ParsedCertificate parsed = X509Certificates.parse(X509Certificates.selfSigned(pair, "host"));
        assertThat(parsed.algorithm()).isEqualTo(algorithm);
        assertThat(parsed.publicKey()).isEqualTo(pair.getPublic());
        assertThat(parsed.certificate().getSigAlgName()).isEqualToIgnoringCase(signature);
        parsed.certificate().verify(pair.getPublic());
    }

    @Test
    void fingerprintMatchesOpenSsl() throws Exception {
        Path file = Files.writeString(dir.resolve("cert.pem"), rsaPem);
        assertThat(X509Certificates.parse(rsaPem).sha1Fingerprint()).isEqualTo(KeyTools.opensslSha1(dir, file));
    }

    @ParameterizedTest
    @CsvSource({"'-newkey, ec, -pkeyopt, ec_paramgen_curve:P-256', ECDSA256", "'-newkey, ed25519', ED25519",
        "'-newkey, rsa:3072', RSA3072"})
    void readsOpenSslCertificatesAndTheirKeys(String keyOptions, String algorithm) throws Exception {
        Path key = dir.resolve(algorithm + ".key");
        Path cert = dir.resolve(algorithm + ".crt");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                "openssl", "req", "-x509", "-nodes", "-days", "2", "-subj", "/CN=openssl test",
                "-keyout", key.toString(), "-out", cert.toString()));
        for (String option : keyOptions.split(",")) {
            command.add(option.strip());
        }
        KeyTools.run(dir, command.toArray(String[]::new));
        String text = KeyTools.run(dir, "openssl", "x509", "-in", cert.toString(), "-text");

        // "openssl x509 -text" puts a dump before the PEM block; it is ignored.
        X509Certificates.ParsedCertificate parsed = X509Certificates.parse(text);

        assertThat(parsed.algorithm()).isEqualTo(algorithm);
        assertThat(parsed.pem()).isEqualTo(Files.readString(cert));
        assertThat(PrivateKeys.matches(PrivateKeys.parse(Files.readString(key)), parsed.publicKey())).isTrue();
        assertThat(PrivateKeys.matches(rsa.getPrivate(), parsed.publicKey())).isFalse();
    }

    @Test
    void pemIsNormalised() {
        String body = body(rsaPem);
        String messy = "-----BEGIN CERTIFICATE-----\r\n" + body.replaceAll("(.{76})", "$1\r\n")
                + "\r\n-----END CERTIFICATE-----";
        assertThat(X509Certificates.parse(messy).pem()).isEqualTo(rsaPem);
    }

    @Test
    void refusesBadArguments() throws Exception {
        assertThatIllegalArgumentException().isThrownBy(() -> X509Certificates.selfSigned(rsa, " "));
        assertThatIllegalArgumentException().isThrownBy(() -> X509Certificates.selfSigned(rsa, "x".repeat(65)));
        KeyPair mixed = new KeyPair(rsa.getPublic(), jdkKeyPair("RSA").getPrivate());
        assertThatIllegalArgumentException().isThrownBy(() -> X509Certificates.selfSigned(mixed, "x"));
    }

    // ---- rejections ----

    @Test
    void emptyAndNonPemInputIsRejected() {
        assertRejected(() -> X509Certificates.parse(" "), "certificate is empty");
        String body = body(rsaPem);
        assertRejected(() -> X509Certificates.parse(body), "certificate is not PEM", body);
    }

    @Test
    void otherBlocksAreRejected() {
        String publicKey = Pem.encode("PUBLIC KEY", rsa.getPublic().getEncoded());
        assertRejected(() -> X509Certificates.parse(publicKey), "'PUBLIC KEY' PEM block, not a CERTIFICATE",
                body(publicKey));
        String withKey = rsaPem + TestKeys.pkcs8Pem(rsa.getPrivate());
        assertRejected(() -> X509Certificates.parse(withKey), "certificate must not contain a private key",
                body(withKey));
        assertRejected(() -> X509Certificates.parse(rsaPem + publicKey), "other PEM blocks besides the certificate");
    }

    @Test
    void severalCertificatesAreRejected() {
        assertRejected(() -> X509Certificates.parse(rsaPem + rsaPem),
                "certificate contains 2 certificates; exactly one is expected", body(rsaPem));
    }

    @Test
    void garbageIsRejected() {
        byte[] random = new byte[300];
        new SecureRandom().nextBytes(random);
        String garbage = Pem.encode("CERTIFICATE", random);
        assertRejected(() -> X509Certificates.parse(garbage),
                "certificate is not a valid X.509 certificate: its DER structure could not be decoded", body(garbage));
        assertRejected(() -> X509Certificates.parse("-----BEGIN CERTIFICATE-----\nMII@@\n-----END CERTIFICATE-----"),
                "certificate is not valid PEM: the body of the 'CERTIFICATE' block is not valid base64");
        assertRejected(() -> X509Certificates.parse("-----BEGIN CERTIFICATE-----\n" + body(rsaPem)),
                "the 'CERTIFICATE' block has no END line", body(rsaPem));
        byte[] der = Base64.getDecoder().decode(body(rsaPem));
        byte[] extended = java.util.Arrays.copyOf(der, der.length + 4);
        assertRejected(() -> X509Certificates.parse(Pem.encode("CERTIFICATE", extended)),
                "extra data after its DER structure");
    }

    @Test
    void dsaAndWeakRsaCertificatesAreRejected() throws Exception {
        KeyPair dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair();
        assertRejected(() -> X509Certificates.parse(unrestrictedCertificate(dsa, "SHA256withDSA")),
                "the certificate's public key is not accepted: DSA keys are not accepted");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        KeyPair weak = generator.generateKeyPair();
        assertRejected(() -> X509Certificates.parse(unrestrictedCertificate(weak, "SHA256withRSA")),
                "RSA keys shorter than 1024 bits are not accepted (got 512)");
    }
}
