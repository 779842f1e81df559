package org.openkps.server.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Ed25519 keys through their standard encodings, which works the same for JDK and BouncyCastle
 * key objects (the JDK's EdEC interfaces expose the point in a form SSH does not use).
 */
final class Ed25519Keys {

    static final int KEY_BYTES = 32;

    /** SubjectPublicKeyInfo header for id-Ed25519 (RFC 8410); the 32 raw key bytes follow. */
    private static final byte[] X509_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** PKCS#8 v1 header for id-Ed25519; the 32-byte seed follows. */
    private static final byte[] PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};

    private Ed25519Keys() {
    }

    static boolean isEd25519(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return encoded != null && encoded.length == X509_PREFIX.length + KEY_BYTES
                && Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length);
    }

    static byte[] rawPublic(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    static boolean isValidPoint(byte[] raw) {
        try {
            new Ed25519PublicKeyParameters(raw, 0);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static PublicKey publicFromRaw(byte[] raw) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyMaterialException("the Ed25519 public key could not be decoded");
        }
    }

    static PrivateKey privateFromSeed(byte[] seed) {
        byte[] encoded = concat(PKCS8_PREFIX, seed);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyMaterialException("the Ed25519 private key could not be decoded");
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** The 32-byte seed of an Ed25519 private key, or empty if the key is something else. */
    static Optional<byte[]> seedOf(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(encoded);
            if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                return Optional.empty();
            }
            byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            return seed.length == KEY_BYTES ? Optional.of(seed) : Optional.empty();
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    static byte[] derivePublicRaw(byte[] seed) {
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    private static byte[] concat(byte[] prefix, byte[] body) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }
}
