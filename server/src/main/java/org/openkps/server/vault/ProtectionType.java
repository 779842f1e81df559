package org.openkps.server.vault;

import java.util.Objects;

/** Which key-encryption key wraps the data key of a hosted private key. */
public enum ProtectionType {

    /** The server's master key. */
    DEFAULT("default"),

    /** A named key of the local key ring ({@code kps.kms.keys}). */
    KMS("kms");

    private final String wireValue;

    ProtectionType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of {@code key_protection.encryption.type} on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /**
     * Parses {@code key_protection.encryption.type}.
     *
     * @throws IllegalArgumentException when the value is not {@code default} or {@code kms}
     */
    public static ProtectionType fromWire(String value) {
        Objects.requireNonNull(value, "key_protection.encryption.type is required");
        for (ProtectionType type : values()) {
            if (type.wireValue.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "key_protection.encryption.type must be one of 'default', 'kms'");
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
