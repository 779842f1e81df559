package org.openkps.server.vault;

/**
 * {@code kms_key_id} or {@code kms_key_name} names no key of the key ring, or both were given and name
 * different keys.
 */
public class UnknownKmsKeyException extends InvalidKeyProtectionException {

    private static final long serialVersionUID = 1L;

    private final String kmsKeyId;
    private final String kmsKeyName;

    UnknownKmsKeyException(String message, String kmsKeyId, String kmsKeyName) {
        super(message);
        this.kmsKeyId = kmsKeyId;
        this.kmsKeyName = kmsKeyName;
    }

    /** The {@code kms_key_id} the caller gave, or null. */
    public String kmsKeyId() {
        return kmsKeyId;
    }

    /** The {@code kms_key_name} the caller gave, or null. */
    public String kmsKeyName() {
        return kmsKeyName;
    }
}
