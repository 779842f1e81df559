package org.openkps.server.association;

import java.time.Duration;

/**
 * Where and as whom to log in.
 *
 * @param expectedHostKey the fingerprint the server's host key must have; null to accept the first one
 * @param timeout         for connecting, logging in and each step after
 */
public record SshTarget(String serverId, String host, int port, String loginUser, String expectedHostKey,
                        Duration timeout) {
}
