package org.openkps.server.association;

/** What a task does to a server. */
public enum Operation {
    /** Binds a key pair to a server that has none. */
    RESET,
    /** Binds a key pair to a server that has one bound, in its place. */
    REPLACE,
    /** Unbinds the key pair bound to a server. */
    UNBIND
}
