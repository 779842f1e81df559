package org.openkps.server.store;

/** Which database the server keeps its state in, as decided when it starts (see {@link StoreConfiguration}). */
enum StoreKind {
    /** The H2 file under {@code kps.data-dir}: no set-up, one server per data directory. */
    EMBEDDED,
    /** The database {@code spring.datasource.url} names (PostgreSQL), which several servers may share. */
    EXTERNAL
}
