package org.openkps.server.keypair;

/** A hosted private key as exported: the key pair's name and the PEM, byte for byte as it was hosted. */
public record ExportedPrivateKey(String keypairName, String privateKey) {

    @Override
    public String toString() {
        return "ExportedPrivateKey[" + keypairName + "]";
    }
}
