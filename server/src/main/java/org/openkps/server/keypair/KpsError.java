package org.openkps.server.keypair;

/** The KPS error codes the key-pair and association rules produce; the HTTP edge decides how each is answered. */
public enum KpsError {

    /** Any invalid input: bad key material, unusable protection, duplicate name, unknown list marker. */
    INVALID_PARAMETER("KPS.0002"),
    /** The key pair does not exist, or the caller may not see it. */
    KEYPAIR_NOT_FOUND("KPS.4016"),
    /** The key pair hosts no private key. */
    NO_PRIVATE_KEY_HOSTED("KPS.6005"),
    /** The caller may not do this (act for another user without being an administrator). */
    NO_PERMISSION("KPS.9003"),
    /** The imported private key does not belong to the public key. */
    PRIVATE_KEY_MISMATCH("KPS.6011"),
    /** The project has no ECS server of that id (KPS's catalogue has no code of its own for it). */
    SERVER_NOT_FOUND("KPS.0002"),
    /** Another association task for the same server has not ended. */
    SERVER_BUSY("KPS.0002"),
    /** The project has no task of that id. */
    TASK_NOT_FOUND("KPS.0001"),
    /** The project has no failed task of that id. */
    FAILED_TASK_NOT_FOUND("KPS.0005");

    private final String code;

    KpsError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
