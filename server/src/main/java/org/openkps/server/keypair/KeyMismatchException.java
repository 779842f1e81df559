package org.openkps.server.keypair;

/** This server's key-encryption key is not the one the store's hosted private keys are sealed with. */
public class KeyMismatchException extends IllegalStateException {

    private final String keyName;

    KeyMismatchException(String keyName) {
        super("the " + keyName + " of this server is not the one the store's hosted private keys are sealed with");
        this.keyName = keyName;
    }

    /** {@code master key}, or {@code kms key '<id>'}. */
    public String keyName() {
        return keyName;
    }
}
