package org.openkps.server.vault;

/**
 * A sealed private key cannot be opened: wrong key, wrong context, corrupted or unsupported data, or a
 * key-encryption key that is no longer available. A server-side error; the message never holds key
 * material.
 */
public class VaultException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public VaultException(String message) {
        super(message);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
