package org.openkps.server.association;

/** What logs in to a server for one task: its password, or a private key (PEM) it accepts. */
public sealed interface LoginCredential {

    record Password(Secret password) implements LoginCredential {
    }

    record PrivateKey(Secret pem) implements LoginCredential {
    }
}
