package org.openkps.server.association;

/**
 * Bind a key pair to a server.
 *
 * @param credential      how to log in for this task; null to use the server's configured password
 * @param disablePassword recorded only; null when not asked
 * @param port            overrides the server's SSH port; null for the server's own
 */
public record AssociationRequest(String keypairName, String serverId, LoginCredential credential,
                                 Boolean disablePassword, Integer port) {
}
