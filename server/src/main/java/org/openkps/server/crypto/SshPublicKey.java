package org.openkps.server.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An SSH public key: its wire blob (RFC 4253 section 6.6) and the equivalent JDK key.
 *
 * <p>Instances made by {@link #parse}, {@link #fromBlob} and {@link #of} are always validated and
 * carry the canonical blob, so two keys are equal exactly when their type, blob and comment are.
 *
 * @param type      the SSH key type, e.g. {@code ssh-rsa}
 * @param blob      the canonical wire encoding (copied in and out)
 * @param comment   the comment from the OpenSSH line, never null (empty when absent)
 * @param publicKey the JDK key (algorithm RSA, EC or Ed25519)
 * @param algorithm RSA plus the modulus size (RSA2048), ED25519, ECDSA256, ECDSA384 or ECDSA521
 */
public record SshPublicKey(String type, byte[] blob, String comment, PublicKey publicKey, String algorithm) {

    static final String RSA = "ssh-rsa";
    static final String ED25519 = "ssh-ed25519";
    static final String DSS = "ssh-dss";

    private static final String CONTEXT = "public_key is not a valid OpenSSH public key";

    public SshPublicKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(algorithm, "algorithm");
        blob = blob.clone();
        comment = comment == null ? "" : comment;
    }

    /**
     * Parses one OpenSSH public key line, {@code type base64 [comment]}. Surrounding whitespace and
     * a trailing line break are tolerated; a second line is not.
     */
    public static SshPublicKey parse(String line) {
        if (line == null || line.isBlank()) {
            throw new InvalidKeyMaterialException("public_key is empty");
        }
        String text = line.strip();
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new InvalidKeyMaterialException("public_key must be a single line, but it contains several lines");
        }
        String[] fields = text.split("[ \t]+", 3);
        String type = fields[0];
        boolean typeLooksRight = SshWire.describeName(type).startsWith("'");
        if (!typeLooksRight) {
            throw new InvalidKeyMaterialException(CONTEXT
                    + ": it must have the form '<type> <base64 key data> [comment]' and start with a key type such as ssh-rsa");
        }
        if (DSS.equals(type)) {
            throw KeyChecks.dsaRefused(true);
        }
        if (!isSupportedType(type)) {
            throw new InvalidKeyMaterialException("public_key has the unsupported key type " + SshWire.describeName(type)
                    + "; accepted types are ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384"
                    + " and ecdsa-sha2-nistp521");
        }
        if (fields.length < 2) {
            throw new InvalidKeyMaterialException(CONTEXT + ": the base64 key data after the type is missing");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(fields[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyMaterialException(CONTEXT + ": the key data is not valid base64");
        }
        String comment = fields.length > 2 ? fields[2].strip() : "";
        // Control characters (NUL among them) have no place in a comment, and PostgreSQL cannot store NUL.
        if (comment.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw new InvalidKeyMaterialException("public_key's comment must not contain control characters");
        }
        return decode(blob, type, comment);
    }

    /** Decodes a wire blob, e.g. one stored earlier; the result has no comment. */
    public static SshPublicKey fromBlob(byte[] blob) {
        return decode(blob.clone(), null, "");
    }

    /** Encodes a JDK (or other provider's) RSA, EC P-256/384/521 or Ed25519 public key. */
    public static SshPublicKey of(PublicKey key) {
        Objects.requireNonNull(key, "key");
        SshWire.Writer writer = new SshWire.Writer();
        if (key instanceof RSAPublicKey rsa) {
            KeyChecks.rsa(rsa.getModulus(), rsa.getPublicExponent());
            writer.string(RSA).mpint(rsa.getPublicExponent()).mpint(rsa.getModulus());
        } else if (key instanceof ECPublicKey ec) {
            SshCurve curve = SshCurve.of(ec.getParams()).orElseThrow(KeyChecks::unsupportedCurve);
            if (!curve.isOnCurve(ec.getW())) {
                throw new InvalidKeyMaterialException("the EC public key's point is not on the curve " + curve.sshName);
            }
            writer.string(curve.sshType()).string(curve.sshName).string(curve.encodePoint(ec.getW()));
        } else if (Ed25519Keys.isEd25519(key)) {
            writer.string(ED25519).string(Ed25519Keys.rawPublic(key));
        } else if ("DSA".equals(key.getAlgorithm())) {
            throw KeyChecks.dsaRefused(false);
        } else {
            throw new InvalidKeyMaterialException("keys of the algorithm " + SshWire.describeName(
                    key.getAlgorithm().toLowerCase(java.util.Locale.ROOT)) + " are not accepted;"
                    + " use RSA, ECDSA (P-256, P-384, P-521) or Ed25519");
        }
        return decode(writer.toByteArray(), null, "");
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    /** {@code type base64}, without the comment. */
    public String toOpenSshLine() {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    /** As {@code ssh-keygen -l -E md5} prints it, without the "MD5:" prefix. */
    public String md5Fingerprint() {
        return Fingerprints.md5(blob);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SshPublicKey that
                && type.equals(that.type) && Arrays.equals(blob, that.blob) && comment.equals(that.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(blob), comment);
    }

    @Override
    public String toString() {
        return "SshPublicKey[" + algorithm + ", MD5 " + md5Fingerprint()
                + (comment.isEmpty() ? "" : ", comment=" + comment) + "]";
    }

    static boolean isSupportedType(String type) {
        return RSA.equals(type) || ED25519.equals(type) || SshCurve.bySshType(type).isPresent();
    }

    /** {@code expectedType} is the type from the line's prefix, or null when there is none. */
    private static SshPublicKey decode(byte[] blob, String expectedType, String comment) {
        SshWire.Reader reader = new SshWire.Reader(blob, CONTEXT);
        String type = reader.readName();
        if (expectedType != null && !expectedType.equals(type)) {
            throw reader.fail("the key type prefix '" + expectedType + "' does not match the key blob's type "
                    + SshWire.describeName(type));
        }
        PublicKey key;
        String algorithm;
        SshWire.Writer canonical = new SshWire.Writer().string(type);
        if (RSA.equals(type)) {
            BigInteger exponent = reader.readMpint();
            BigInteger modulus = reader.readMpint();
            reader.expectEnd();
            KeyChecks.rsa(modulus, exponent);
            key = generate("RSA", new RSAPublicKeySpec(modulus, exponent));
            algorithm = "RSA" + modulus.bitLength();
            canonical.mpint(exponent).mpint(modulus);
        } else if (ED25519.equals(type)) {
            byte[] raw = reader.readBytes();
            reader.expectEnd();
            if (raw.length != Ed25519Keys.KEY_BYTES) {
                throw reader.fail("an Ed25519 key must be 32 bytes long (got " + raw.length + ")");
            }
            if (!Ed25519Keys.isValidPoint(raw)) {
                throw reader.fail("the Ed25519 key is not a valid curve point");
            }
            key = Ed25519Keys.publicFromRaw(raw);
            algorithm = "ED25519";
            canonical.string(raw);
        } else if (DSS.equals(type)) {
            throw KeyChecks.dsaRefused(true);
        } else {
            SshCurve curve = SshCurve.bySshType(type).orElseThrow(() -> reader.fail(
                    "the key blob has the unsupported key type " + SshWire.describeName(type)));
            String curveName = reader.readName();
            if (!curve.sshName.equals(curveName)) {
                throw reader.fail("the key type '" + type + "' does not match the curve "
                        + SshWire.describeName(curveName) + " named inside the key blob");
            }
            ECPoint point = curve.decodePoint(reader.readBytes(), CONTEXT);
            reader.expectEnd();
            key = generate("EC", new ECPublicKeySpec(point, curve.spec()));
            algorithm = "ECDSA" + curve.bits;
            canonical.string(curve.sshName).string(curve.encodePoint(point));
        }
        // Re-encoding drops non-minimal number encodings, so the blob and fingerprint match ssh-keygen's.
        return new SshPublicKey(type, canonical.toByteArray(), comment, key, algorithm);
    }

    private static PublicKey generate(String algorithm, KeySpec spec) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyMaterialException(CONTEXT + ": the " + algorithm + " key could not be constructed");
        }
    }
}
