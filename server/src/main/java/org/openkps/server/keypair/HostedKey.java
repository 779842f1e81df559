package org.openkps.server.keypair;


/** That a key pair's private key is hosted, and under which protection; never the key itself. */
public record HostedKey(ProtectionType protection, String kmsKeyId, String kmsKeyName) {
}
