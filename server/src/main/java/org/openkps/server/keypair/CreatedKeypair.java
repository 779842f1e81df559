package org.openkps.server.keypair;

/** A key pair just created or imported, with its private key when the server generated it (else null). */
public record CreatedKeypair(Keypair keypair, String privateKey) {
}
