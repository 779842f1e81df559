package org.openkps.server.association;

import java.time.Duration;

/**
 * @param taskDelay  how long a task for a bookkeeping server (no host) takes before it succeeds
 * @param sshTimeout how long connecting, logging in and each step over SSH may take
 */
public record AssociationTimings(Duration taskDelay, Duration sshTimeout) {
}
