package org.openkps.server.vault;

/**
 * The caller's {@code key_protection} cannot be honoured: a client error. Messages quote only the ids and
 * names the caller sent, never key material.
 */
public abstract class InvalidKeyProtectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected InvalidKeyProtectionException(String message) {
        super(message);
    }
}
