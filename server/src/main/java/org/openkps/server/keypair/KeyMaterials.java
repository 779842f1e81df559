package org.openkps.server.keypair;

import java.security.PublicKey;

/**
 * Key generation and the reading of key material that callers send: the port the key-pair core owns
 * and the crypto adapter implements. Whatever a caller sent that is not usable is a
 * {@link KpsException#invalid} naming {@code field} and what was wrong, never echoing the key.
 */
public interface KeyMaterials {

    /** A new RSA-2048 key pair; for x509 its public key is a self-signed certificate named after the key pair. */
    KeyMaterial generate(KeypairType type, String keypairName);

    /** Parses an imported public key: an OpenSSH line (comment kept) for ssh, a PEM certificate for x509. */
    KeyMaterial parsePublicKey(KeypairType type, String publicKey, String field);

    /** Whether a private key (PEM) belongs to the public key; an unreadable private key is invalid input. */
    boolean privateKeyMatches(String privateKeyPem, PublicKey publicKey, String field);
}
