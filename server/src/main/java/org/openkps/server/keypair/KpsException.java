package org.openkps.server.keypair;

/**
 * A failure the caller is told about: a KPS error code and a message for a person.
 * The message must never carry key material, credentials or internals.
 */
public class KpsException extends RuntimeException {

    private final KpsError error;

    public KpsException(KpsError error, String message) {
        super(message);
        this.error = error;
    }

    public KpsError error() {
        return error;
    }

    public static KpsException invalid(String message) {
        return new KpsException(KpsError.INVALID_PARAMETER, message);
    }

    public static KpsException keypairNotFound(String name) {
        return new KpsException(KpsError.KEYPAIR_NOT_FOUND, "key pair '" + name + "' does not exist");
    }
}
