package org.openkps.server.crypto;

/**
 * Thrown when a public key, private key or certificate supplied by a caller cannot be used.
 *
 * <p>The message is a sentence meant for the API caller. It never quotes key material, PEM text
 * or base64, and no cause is attached, so nothing secret can leak through logs or error bodies.
 */
public final class InvalidKeyMaterialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidKeyMaterialException(String message) {
        // No stack trace: this is an input validation outcome, not a bug, and it is cheaper.
        super(message, null, false, false);
    }
}
