package org.openkps.server.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Creates self-signed certificates and reads certificates that callers upload. */
public final class X509Certificates {

    private static final String FIELD = "certificate";
    /** RFC 5280 ub-common-name. */
    private static final int MAX_COMMON_NAME = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private X509Certificates() {
    }

    /**
     * A certificate read from PEM.
     *
     * @param certificate     the JDK certificate
     * @param pem             the certificate re-encoded as normalised PEM (64-character lines, LF, trailing newline)
     * @param publicKey       the certificate's subject public key
     * @param sha1Fingerprint SHA-1 of the DER, lowercase colon hex (openssl's -fingerprint -sha1, lowercased)
     * @param algorithm       as in {@link SshPublicKey#algorithm()}, e.g. RSA2048 or ECDSA256
     */
    public record ParsedCertificate(X509Certificate certificate, String pem, PublicKey publicKey,
                                    String sha1Fingerprint, String algorithm) {

        public ParsedCertificate {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(pem, "pem");
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(sha1Fingerprint, "sha1Fingerprint");
            Objects.requireNonNull(algorithm, "algorithm");
        }

        @Override
        public String toString() {
            return "ParsedCertificate[" + certificate.getSubjectX500Principal().getName() + ", " + algorithm
                    + ", SHA1 " + sha1Fingerprint + "]";
        }
    }

    /** Valid from five minutes ago (clock skew) for ten years. */
    public static String selfSigned(KeyPair keyPair, String commonName) {
        Instant now = Instant.now();
        return selfSigned(keyPair, commonName, now.minus(Duration.ofMinutes(5)),
                now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant());
    }

    /**
     * A PEM certificate whose subject and issuer are {@code CN=commonName}, signed with the key
     * pair itself: SHA256withRSA for RSA, SHA-2 ECDSA matching the curve for EC, Ed25519 for Ed25519.
     */
    public static String selfSigned(KeyPair keyPair, String commonName, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(commonName, "commonName");
        if (commonName.isBlank() || commonName.length() > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("commonName must be 1 to " + MAX_COMMON_NAME + " characters long");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be later than notBefore");
        }
        String algorithm = SshPublicKey.of(keyPair.getPublic()).algorithm();
        if (!PrivateKeys.matches(keyPair.getPrivate(), keyPair.getPublic())) {
            throw new IllegalArgumentException("the private key does not belong to the public key");
        }
        // The builder escapes ',', '+', '=' and the like, so any text is a single CN value.
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        // Positive and at most 20 octets, as RFC 5280 section 4.1.2.2 requires.
        BigInteger serial = new BigInteger(159, RANDOM).add(BigInteger.ONE);
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(algorithm))
                    .build(keyPair.getPrivate());
            byte[] der = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore), Date.from(notAfter),
                    name, keyPair.getPublic()).build(signer).getEncoded();
            return Pem.encode("CERTIFICATE", der);
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("signing the certificate failed", e);
        }
    }

    /**
     * Reads exactly one PEM certificate. Text around the block is ignored (as OpenSSL does); other
     * PEM blocks, in particular private keys, are refused.
     */
    public static ParsedCertificate parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidKeyMaterialException("certificate is empty");
        }
        List<Pem.Block> blocks = Pem.parseAll(pem, FIELD);
        if (blocks.isEmpty()) {
            throw new InvalidKeyMaterialException(
                    "certificate is not PEM: expected a '-----BEGIN CERTIFICATE-----' block");
        }
        if (blocks.stream().anyMatch(b -> b.label().endsWith("PRIVATE KEY"))) {
            throw new InvalidKeyMaterialException(
                    "certificate must not contain a private key; submit the certificate on its own");
        }
        long certificates = blocks.stream().filter(b -> b.label().equals("CERTIFICATE")).count();
        if (certificates == 0) {
            throw new InvalidKeyMaterialException("certificate contains a '" + blocks.get(0).label()
                    + "' PEM block, not a CERTIFICATE");
        }
        if (certificates > 1) {
            throw new InvalidKeyMaterialException(
                    "certificate contains " + certificates + " certificates; exactly one is expected");
        }
        if (blocks.size() > 1) {
            throw new InvalidKeyMaterialException(
                    "certificate contains other PEM blocks besides the certificate; submit the certificate alone");
        }
        byte[] der = blocks.get(0).data();
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw new InvalidKeyMaterialException(
                        "certificate is not a valid X.509 certificate: there is extra data after its DER structure");
            }
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof InvalidKeyMaterialException invalid) {
                throw invalid;
            }
            throw new InvalidKeyMaterialException(
                    "certificate is not a valid X.509 certificate: its DER structure could not be decoded");
        }
        PublicKey publicKey = certificate.getPublicKey();
        String algorithm;
        try {
            algorithm = SshPublicKey.of(publicKey).algorithm();
        } catch (InvalidKeyMaterialException e) {
            throw new InvalidKeyMaterialException("the certificate's public key is not accepted: " + e.getMessage());
        }
        return new ParsedCertificate(certificate, Pem.encode("CERTIFICATE", der), publicKey,
                Fingerprints.sha1(der), algorithm);
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "ED25519" -> "Ed25519";
            case "ECDSA256" -> "SHA256withECDSA";
            case "ECDSA384" -> "SHA384withECDSA";
            case "ECDSA521" -> "SHA512withECDSA";
            default -> "SHA256withRSA";
        };
    }
}
