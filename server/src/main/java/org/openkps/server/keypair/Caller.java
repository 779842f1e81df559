package org.openkps.server.keypair;

/** Who is calling, as their credential says: the project, user and domain they act as. */
public record Caller(String projectId, String userId, String domainId) {
}
