package org.openkps.server.keypair;

import java.security.PublicKey;

/**
 * The public side of a key pair as it will be stored.
 *
 * @param publicKey  the text returned to callers: an OpenSSH line or a PEM certificate
 * @param javaKey    the parsed key, to check private keys against
 * @param privateKey the PEM private key when the server generated it, else null
 */
public record KeyMaterial(String publicKey, String fingerprint, String algorithm, PublicKey javaKey,
                          String privateKey) {

    /** Leaves the private key out, so logging this record is harmless. */
    @Override
    public String toString() {
        return "KeyMaterial[" + algorithm + ", " + fingerprint + "]";
    }
}
