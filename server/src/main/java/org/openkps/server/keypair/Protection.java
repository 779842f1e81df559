package org.openkps.server.keypair;

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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
