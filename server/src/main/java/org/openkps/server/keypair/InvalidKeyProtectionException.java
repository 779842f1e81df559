package org.openkps.server.keypair;

/**
 * The caller's {@code key_protection} cannot be honoured (kms names no key, or a key the key ring does
 * not have): a client error. Messages quote only the ids and names the caller sent, never key material.
 */
public class InvalidKeyProtectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidKeyProtectionException(String message) {
        super(message);
    }
}
