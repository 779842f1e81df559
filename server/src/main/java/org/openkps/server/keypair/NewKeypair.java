package org.openkps.server.keypair;

import java.util.Objects;

/**
 * A request to create (no public key) or import (with one) a key pair. The contract's defaults
 * ({@code ssh}, {@code user}) are applied at the edge, where the contract is read.
 *
 * @param publicKey     null to have the server generate the key pair
 * @param userId        null means the caller's user
 * @param keyProtection null means the private key is not hosted
 */
public record NewKeypair(
        String name,
        KeypairType type,
        String publicKey,
        KeypairScope scope,
        String userId,
        KeyProtectionRequest keyProtection) {

    public NewKeypair {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
    }

    /** Host the private key: the given one (import) or, when null, the generated one. */
    public record KeyProtectionRequest(String privateKey, Protection protection) {

        public KeyProtectionRequest {
            Objects.requireNonNull(protection, "protection");
        }
    }
}
