package org.openkps.server.association;

import java.time.Duration;

/**
 * @param taskDelay  how long a task for a bookkeeping server (no host) takes before it succeeds
 * @param sshTimeout how long connecting, logging in and each step over SSH may take
 * @param taskLease  how long a server may go unseen (it says it is there every third of this) before the
 *                   other servers on its database end its unfinished tasks
 */
public record AssociationTimings(Duration taskDelay, Duration sshTimeout, Duration taskLease) {

    public AssociationTimings(Duration taskDelay, Duration sshTimeout) {
        this(taskDelay, sshTimeout, Duration.ofSeconds(30));
    }
}
