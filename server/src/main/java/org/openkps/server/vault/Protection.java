package org.openkps.server.vault;

import java.util.Objects;

/**
 * What a caller asked for in {@code key_protection.encryption}. Blank ids and names count as absent.
 * For {@link ProtectionType#DEFAULT} the kms fields are ignored.
 *
 * @param type       the requested protection, never null
 * @param kmsKeyId   {@code kms_key_id}, or null
 * @param kmsKeyName {@code kms_key_name}, or null
 */
public record Protection(ProtectionType type, String kmsKeyId, String kmsKeyName) {

    public Protection {
        Objects.requireNonNull(type, "type");
        kmsKeyId = blankToNull(kmsKeyId);
        kmsKeyName = blankToNull(kmsKeyName);
    }

    /** Protection by the server's master key. */
    public static Protection defaultProtection() {
        return new Protection(ProtectionType.DEFAULT, null, null);
    }

    /** Protection by a key of the key ring, named by id, by name, or by both. */
    public static Protection kms(String kmsKeyId, String kmsKeyName) {
        return new Protection(ProtectionType.KMS, kmsKeyId, kmsKeyName);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
