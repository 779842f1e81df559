package org.openkps.server.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads private keys in the PEM formats people actually paste (PKCS#1, PKCS#8, SEC1 and
 * OpenSSH), and checks that a private key belongs to a public key. Returned keys are JDK key
 * objects (RSAPrivateCrtKey, ECPrivateKey, EdECPrivateKey).
 */
public final class PrivateKeys {

    private static final String FIELD = "private_key";
    private static final String EXPECTED_FORMATS = "expected RSA PRIVATE KEY, PRIVATE KEY, EC PRIVATE KEY"
            + " or OPENSSH PRIVATE KEY";
    private static final BigInteger TWO = BigInteger.TWO;

    private PrivateKeys() {
    }

    /** Parses exactly one unencrypted private key; EC PARAMETERS blocks next to a SEC1 key are ignored. */
    public static PrivateKey parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidKeyMaterialException("private_key is empty");
        }
        if (pem.contains("PuTTY-User-Key-File")) {
            throw new InvalidKeyMaterialException("private_key is a PuTTY (.ppk) key, which is not supported;"
                    + " convert it to OpenSSH format first (puttygen key.ppk -O private-openssh)");
        }
        List<Pem.Block> blocks = Pem.parseAll(pem, FIELD);
        if (blocks.isEmpty()) {
            throw new InvalidKeyMaterialException("private_key is not a PEM private key: no '-----BEGIN ...-----' line"
                    + " was found (" + EXPECTED_FORMATS + ")");
        }
        List<Pem.Block> keys = blocks.stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            throw new InvalidKeyMaterialException("private_key contains a '" + blocks.get(0).label()
                    + "' PEM block but no private key (" + EXPECTED_FORMATS + ")");
        }
        if (keys.size() > 1) {
            throw new InvalidKeyMaterialException(
                    "private_key contains " + keys.size() + " private keys; exactly one is expected");
        }
        Pem.Block block = keys.get(0);
        if (block.hasEncryptedHeader()) {
            throw encrypted();
        }
        byte[] der = block.data();
        try {
            PrivateKey key = switch (block.label()) {
                case "RSA PRIVATE KEY" -> parsePkcs1(der);
                case "PRIVATE KEY" -> parsePkcs8(der);
                case "EC PRIVATE KEY" -> parseSec1(der);
                case "OPENSSH PRIVATE KEY" -> OpenSshPrivateKeys.parse(der);
                case "ENCRYPTED PRIVATE KEY" -> throw encrypted();
                case "DSA PRIVATE KEY" -> throw KeyChecks.dsaRefused(false);
                default -> throw new InvalidKeyMaterialException("private_key has the unsupported PEM type '"
                        + block.label() + "' (" + EXPECTED_FORMATS + ")");
            };
            // Applies the same acceptance rules as for public keys (RSA size, curves).
            SshPublicKey.of(publicKeyOf(key));
            return key;
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /**
     * True iff {@code privateKey} is the private half of {@code publicKey}. Different key types
     * simply do not match.
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (privateKey instanceof RSAPrivateKey rsa && publicKey instanceof RSAPublicKey rsaPublic) {
            if (!rsa.getModulus().equals(rsaPublic.getModulus())) {
                return false;
            }
            if (rsa instanceof RSAPrivateCrtKey crt) {
                return crt.getPublicExponent().equals(rsaPublic.getPublicExponent());
            }
            // Without the public exponent in the key, check that d inverts e: (2^e)^d = 2 (mod n).
            BigInteger n = rsa.getModulus();
            return TWO.modPow(rsaPublic.getPublicExponent(), n).modPow(rsa.getPrivateExponent(), n).equals(TWO);
        }
        if (privateKey instanceof ECPrivateKey ec && publicKey instanceof ECPublicKey ecPublic) {
            Optional<SshCurve> curve = SshCurve.of(ec.getParams());
            return curve.isPresent() && curve.equals(SshCurve.of(ecPublic.getParams()))
                    && curve.get().isValidScalar(ec.getS())
                    && curve.get().multiplyGenerator(ec.getS()).equals(ecPublic.getW());
        }
        if (Ed25519Keys.isEd25519(publicKey)) {
            Optional<byte[]> seed = Ed25519Keys.seedOf(privateKey);
            if (seed.isEmpty()) {
                return false;
            }
            try {
                return Arrays.equals(Ed25519Keys.derivePublicRaw(seed.get()), Ed25519Keys.rawPublic(publicKey));
            } finally {
                Arrays.fill(seed.get(), (byte) 0);
            }
        }
        return false;
    }

    /** Derives the public key from an RSA (CRT), EC (P-256/384/521) or Ed25519 private key. */
    public static PublicKey publicKeyOf(PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey instanceof RSAPrivateCrtKey crt) {
            return generatePublic("RSA", new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        }
        if (privateKey instanceof RSAPrivateKey) {
            throw new InvalidKeyMaterialException(
                    "the RSA private key lacks the CRT parameters needed to derive its public key");
        }
        if (privateKey instanceof ECPrivateKey ec) {
            SshCurve curve = SshCurve.of(ec.getParams()).orElseThrow(KeyChecks::unsupportedCurve);
            if (!curve.isValidScalar(ec.getS())) {
                throw new InvalidKeyMaterialException("the EC private key's scalar is out of range");
            }
            ECPoint point = curve.multiplyGenerator(ec.getS());
            return generatePublic("EC", new ECPublicKeySpec(point, curve.spec()));
        }
        Optional<byte[]> seed = Ed25519Keys.seedOf(privateKey);
        if (seed.isPresent()) {
            try {
                return Ed25519Keys.publicFromRaw(Ed25519Keys.derivePublicRaw(seed.get()));
            } finally {
                Arrays.fill(seed.get(), (byte) 0);
            }
        }
        if ("DSA".equals(privateKey.getAlgorithm())) {
            throw KeyChecks.dsaRefused(false);
        }
        throw new InvalidKeyMaterialException("private keys of the algorithm "
                + SshWire.describeName(privateKey.getAlgorithm().toLowerCase(java.util.Locale.ROOT))
                + " are not supported");
    }

    /** "-----BEGIN RSA PRIVATE KEY-----" (PKCS#1), the format ssh-keygen -m PEM writes. */
    public static String toPkcs1Pem(RSAPrivateCrtKey key) {
        org.bouncycastle.asn1.pkcs.RSAPrivateKey structure = new org.bouncycastle.asn1.pkcs.RSAPrivateKey(
                key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(), key.getPrimeP(),
                key.getPrimeQ(), key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient());
        byte[] der = encodeDer(structure.toASN1Primitive());
        try {
            return Pem.encode("RSA PRIVATE KEY", der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    static InvalidKeyMaterialException encrypted() {
        return new InvalidKeyMaterialException(
                "private_key is encrypted with a passphrase; import it unencrypted");
    }

    private static PrivateKey parsePkcs1(byte[] der) {
        org.bouncycastle.asn1.pkcs.RSAPrivateKey k;
        try {
            k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw undecodable("PKCS#1 RSA");
        }
        KeyChecks.rsa(k.getModulus(), k.getPublicExponent());
        return generatePrivate("RSA", new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(),
                k.getCoefficient()), "PKCS#1 RSA");
    }

    private static PrivateKey parsePkcs8(byte[] der) {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw undecodable("PKCS#8");
        }
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return generatePrivate("RSA", new PKCS8EncodedKeySpec(der), "PKCS#8");
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            curveOf(info.getPrivateKeyAlgorithm().getParameters());
            return generatePrivate("EC", new PKCS8EncodedKeySpec(der), "PKCS#8");
        }
        if (EdECObjectIdentifiers.id_Ed25519.equals(algorithm)) {
            // Rebuilt from the seed: a v2 (RFC 8410 OneAsymmetricKey) encoding need not suit the JDK.
            byte[] seed;
            try {
                seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            } catch (IOException | RuntimeException e) {
                throw undecodable("PKCS#8 Ed25519");
            }
            if (seed.length != Ed25519Keys.KEY_BYTES) {
                throw undecodable("PKCS#8 Ed25519");
            }
            try {
                return Ed25519Keys.privateFromSeed(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        }
        if (X9ObjectIdentifiers.id_dsa.equals(algorithm)) {
            throw KeyChecks.dsaRefused(false);
        }
        throw new InvalidKeyMaterialException("private_key uses an unsupported key algorithm (OID " + algorithm.getId()
                + "); RSA, ECDSA (P-256, P-384, P-521) and Ed25519 are accepted");
    }

    private static PrivateKey parseSec1(byte[] der) {
        org.bouncycastle.asn1.sec.ECPrivateKey sec1;
        try {
            sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw undecodable("SEC1 EC");
        }
        SshCurve curve = curveOf(sec1.getParametersObject());
        BigInteger d = sec1.getKey();
        if (!curve.isValidScalar(d)) {
            throw new InvalidKeyMaterialException("private_key is not a valid SEC1 EC private key: the scalar is out of range");
        }
        return generatePrivate("EC", new ECPrivateKeySpec(d, curve.spec()), "SEC1 EC");
    }

    /** Only named curves: explicit parameters are legal but are a known way to smuggle in weak curves. */
    private static SshCurve curveOf(Object parameters) {
        if (parameters == null) {
            throw new InvalidKeyMaterialException("private_key is an EC key without its curve; include the curve name");
        }
        if (!(parameters instanceof ASN1ObjectIdentifier oid)) {
            throw new InvalidKeyMaterialException(
                    "private_key uses explicit EC curve parameters; only named curves are accepted");
        }
        return SshCurve.byOid(oid).orElseThrow(KeyChecks::unsupportedCurve);
    }

    private static PrivateKey generatePrivate(String algorithm, KeySpec spec, String format) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw undecodable(format);
        }
    }

    private static PublicKey generatePublic(String algorithm, KeySpec spec) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyMaterialException("the " + algorithm + " public key could not be derived");
        }
    }

    private static byte[] encodeDer(ASN1Primitive primitive) {
        try {
            return primitive.getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e);
        }
    }

    private static InvalidKeyMaterialException undecodable(String format) {
        return new InvalidKeyMaterialException(
                "private_key is not a valid " + format + " private key: its structure could not be decoded");
    }
}
