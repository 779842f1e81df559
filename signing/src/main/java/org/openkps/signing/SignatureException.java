package org.openkps.signing;

/**
 * A request cannot be checked as SDK-HMAC-SHA256: malformed {@code Authorization} or {@code X-Sdk-Date},
 * a signed header missing from the request, broken percent-encoding, ...
 *
 * <p>The message is meant to be returned to the caller as-is: it names what is wrong, never a secret
 * or the expected signature.
 */
public class SignatureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SignatureException(String message) {
        super(message);
    }

    public SignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
