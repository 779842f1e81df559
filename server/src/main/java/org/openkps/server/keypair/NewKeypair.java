package org.openkps.server.keypair;

import org.openkps.server.vault.Protection;

/**
 * A request to create (no public key) or import (with one) a key pair.
 *
 * @param type          null means {@code ssh}
 * @param scope         null means {@code user}
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

    /** Host the private key: the given one (import) or, when null, the generated one. */
    public record KeyProtectionRequest(String privateKey, Protection protection) {
    }
}
