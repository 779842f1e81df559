package org.openkps.server.association;

/**
 * Unbind the key pair bound to a server.
 *
 * @param credential how to log in for this task; null to use the server's configured password
 * @param port       overrides the server's SSH port; null for the server's own
 */
public record DisassociationRequest(String serverId, LoginCredential credential, Integer port) {
}
