package org.openkps.server.association;

/**
 * The key pair bound to a server, as it was bound: its public key is kept, so that its line can be
 * found and removed from the server even after the key pair itself is deleted.
 */
public record Binding(String serverId, String projectId, String keypairName, String publicKey, long boundTime) {
}
