package org.openkps.server.keypair;

/**
 * A stored key pair.
 *
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

    /** This key pair as stored: its id, its hosted key's protection (or null) and its update time. */
    public Keypair stored(long storedId, HostedKey hosted, long storedUpdateTime) {
        return new Keypair(storedId, projectId, name, type, scope, userId, publicKey, fingerprint, algorithm,
                description, frozenState, createTime, storedUpdateTime, hosted);
    }

    public boolean isKeyProtected() {
        return hostedKey != null;
    }

    public boolean visibleTo(String callerUserId) {
        return scope == KeypairScope.DOMAIN || userId.equals(callerUserId);
    }
}
