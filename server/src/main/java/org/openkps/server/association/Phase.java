package org.openkps.server.association;

/** Where a task is: waiting, at work, or ended one way or the other. */
public enum Phase {
    READY, RUNNING, SUCCESS, FAILED;

    public boolean hasEnded() {
        return this == SUCCESS || this == FAILED;
    }
}
