package org.openkps.server.keypair;

/**
 * Who is calling, as their credential says: the project, user and domain they act as.
 *
 * @param admin whether the credential is an administrator's, who may act for other users of the project
 */
public record Caller(String projectId, String userId, String domainId, boolean admin) {
}
