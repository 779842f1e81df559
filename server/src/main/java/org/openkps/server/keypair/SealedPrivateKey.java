package org.openkps.server.keypair;

import java.util.Arrays;
import java.util.Objects;

/**
 * A hosted private key as the database stores it. Nothing in here is secret on its own.
 *
 * <p>Both byte arrays are {@code version(1) || nonce(12) || AES-256-GCM ciphertext || tag(16)}:
 * {@code wrappedDataKey} is the per-key data key wrapped by the key-encryption key, {@code ciphertext}
 * is the UTF-8 PEM encrypted by the data key. The arrays are copied in and out.
 *
 * @param type           how the data key is wrapped
 * @param kmsKeyId       the id of the key-ring key for {@link ProtectionType#KMS}, null for default
 * @param kmsKeyName     the name of that key-ring key at sealing time (may be null if the ring key has no
 *                       name), null for default; informational only, unsealing goes by id
 * @param wrappedDataKey the wrapped data key
 * @param ciphertext     the encrypted private key
 */
public record SealedPrivateKey(
        ProtectionType type,
        String kmsKeyId,
        String kmsKeyName,
        byte[] wrappedDataKey,
        byte[] ciphertext) {

    public SealedPrivateKey {
        Objects.requireNonNull(type, "type");
        wrappedDataKey = Objects.requireNonNull(wrappedDataKey, "wrappedDataKey").clone();
        ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    @Override
    public byte[] wrappedDataKey() {
        return wrappedDataKey.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedPrivateKey that
                && type == that.type
                && Objects.equals(kmsKeyId, that.kmsKeyId)
                && Objects.equals(kmsKeyName, that.kmsKeyName)
                && Arrays.equals(wrappedDataKey, that.wrappedDataKey)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, kmsKeyId, kmsKeyName, Arrays.hashCode(wrappedDataKey), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "SealedPrivateKey[type=" + type.value()
                + ", kmsKeyId=" + kmsKeyId
                + ", kmsKeyName=" + kmsKeyName
                + ", wrappedDataKey=" + wrappedDataKey.length + " bytes"
                + ", ciphertext=" + ciphertext.length + " bytes]";
    }
}
