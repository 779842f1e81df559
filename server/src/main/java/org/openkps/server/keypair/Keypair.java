package org.openkps.server.keypair;

/**
 * A stored key pair.
 *
 * @param id        the store's id; what a new key pair carries before it is stored is ignored
 * @param hostedKey the protection of its hosted private key, or null when none is hosted
 */
public record Keypair(
        long id,
        String projectId,
        String name,
        KeypairType type,
        KeypairScope scope,
        String userId,
        String publicKey,
        String fingerprint,
        String algorithm,
        String description,
        int frozenState,
        long createTime,
        long updateTime,
        HostedKey hostedKey) {

    public boolean isKeyProtected() {
        return hostedKey != null;
    }
}
