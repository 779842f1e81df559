package org.openkps.server.keypair;

import java.util.Map;

/**
 * Keeps hosted private keys encrypted at rest: the port the key-pair core owns and the vault adapter
 * implements. Plaintext goes in and out of here only.
 */
public interface PrivateKeyVault {

    /**
     * Checks a requested protection without sealing anything.
     *
     * @throws InvalidKeyProtectionException when {@code kms} names no key, or a key that is not there
     */
    void check(Protection protection);

    /**
     * Encrypts a private key for storage.
     *
     * @param context names where the sealed key is stored; it opens only with the same context
     * @throws InvalidKeyProtectionException as {@link #check}
     */
    SealedPrivateKey seal(String privateKeyPem, Protection protection, String context);

    /** Decrypts what {@link #seal} made, given the same context. */
    String unseal(SealedPrivateKey sealed, String context);

    /**
     * A check value of each key-encryption key, by the key's name: what tells two servers whether they
     * hold the same keys without showing either key.
     */
    Map<String, String> keyCheckValues();
}
