package org.openkps.server.keypair;

/** A hosted private key as stored, with what names where it is stored (the key pair's project and id). */
public record StoredPrivateKey(long keypairId, String projectId, SealedPrivateKey sealed) {
}
