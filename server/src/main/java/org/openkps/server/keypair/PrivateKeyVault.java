package org.openkps.server.keypair;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps hosted private keys encrypted at rest: the port the key-pair core owns and the vault adapter
 * implements. Plaintext goes in and out of here only.
 */
public interface PrivateKeyVault {

    /** The name under which the master key's check value is recorded. */
    String MASTER_KEY = "master key";

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
    default SealedPrivateKey seal(String privateKeyPem, Protection protection, String context) {
        return seal(privateKeyPem, protection, context, null);
    }

    /**
     * Encrypts a private key for storage; {@code default} protection under the master key whose check value
     * is {@code masterKeyCheck} (the one the store records as the fleet's), the current one when null.
     *
     * @throws InvalidKeyProtectionException as {@link #check}
     * @throws IllegalStateException         (a vault exception) when this server has no master key of that
     *                                       check value
     */
    SealedPrivateKey seal(String privateKeyPem, Protection protection, String context, String masterKeyCheck);

    /** Decrypts what {@link #seal} made, given the same context; under the current or a previous master key. */
    String unseal(SealedPrivateKey sealed, String context);

    /**
     * The same private key with its data key wrapped under the current master key, or empty when it already
     * is (or is not under a master key at all). The private key's own ciphertext is kept as it is.
     *
     * @throws IllegalStateException (a vault exception) when none of this server's master keys opens it
     */
    Optional<SealedPrivateKey> resealUnderCurrentMasterKey(SealedPrivateKey sealed, String context);

    /** Check values of the previous master keys, which this server still opens but does not seal with by itself. */
    Set<String> previousMasterKeyCheckValues();

    /**
     * A check value of each key-encryption key, by the key's name: what tells two servers whether they
     * hold the same keys without showing either key.
     */
    Map<String, String> keyCheckValues();
}
