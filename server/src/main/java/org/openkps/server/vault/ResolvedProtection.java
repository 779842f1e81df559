package org.openkps.server.vault;

import java.util.Objects;

import org.openkps.server.keypair.Protection;
import org.openkps.server.keypair.ProtectionType;

/**
 * A {@link Protection} checked against the key ring: for {@link ProtectionType#KMS} both the id and the
 * name of the key-ring key (the name may be null when the ring key has none); for
 * {@link ProtectionType#DEFAULT} both null.
 */
record ResolvedProtection(ProtectionType type, String kmsKeyId, String kmsKeyName) {

    public ResolvedProtection {
        Objects.requireNonNull(type, "type");
    }

    static final ResolvedProtection DEFAULT = new ResolvedProtection(ProtectionType.DEFAULT, null, null);
}
