package org.openkps.server.keypair;

import java.util.Objects;

/** Which key-encryption key wraps the data key of a hosted private key. */
public enum ProtectionType {

    /** The server's master key. */
    DEFAULT("default"),

    /** A named key of the local key ring ({@code kps.kms.keys}). */
    KMS("kms");

    private final String value;

    ProtectionType(String value) {
        this.value = value;
    }

    /** The KPS value, {@code key_protection.encryption.type}: {@code default} or {@code kms}. */
    public String value() {
        return value;
    }

    /** @throws IllegalArgumentException when the value is not {@code default} or {@code kms} */
    public static ProtectionType fromValue(String value) {
        Objects.requireNonNull(value, "value");
        for (ProtectionType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("key_protection.encryption.type must be one of 'default', 'kms'");
    }

    @Override
    public String toString() {
        return value;
    }
}
