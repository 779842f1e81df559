package org.openkps.server.keypair;

/** The KPS error codes the key-pair rules produce; the HTTP edge decides how each is answered. */
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
    PRIVATE_KEY_MISMATCH("KPS.6011");

    private final String code;

    KpsError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
