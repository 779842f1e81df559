package org.openkps.server.association;

/**
 * A server of the inventory.
 *
 * @param host      where to reach it over SSH; null for a server that is bookkeeping only
 * @param hostKey   the fingerprint its host key must have, or null to trust the first one seen
 * @param password  the login user's password, used when a request brings no credentials; may be null
 */
public record EcsServer(String id, String name, String projectId, String host, int port, String loginUser,
                        String hostKey, Secret password) {

    /** Whether association logs in to it; otherwise its tasks only keep the books. */
    public boolean isReachable() {
        return host != null;
    }
}
