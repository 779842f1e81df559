package org.openkps.server.crypto;

import java.security.KeyPair;
import java.util.Objects;

/**
 * A freshly generated key pair with the private key already rendered as PEM.
 *
 * @param keyPair       the JDK key pair
 * @param privateKeyPem the private key as PEM (PKCS#1 for RSA), ending with a newline
 * @param publicKey     the public half in SSH form
 */
public record GeneratedKeyPair(KeyPair keyPair, String privateKeyPem, SshPublicKey publicKey) {

    public GeneratedKeyPair {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Leaves the private key out, so logging this record is harmless. */
    @Override
    public String toString() {
        return "GeneratedKeyPair[publicKey=" + publicKey + ", privateKey=(redacted)]";
    }
}
