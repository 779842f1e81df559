package org.openkps.server.keypair;

/** This server's key-encryption key is not the one the store's hosted private keys are sealed with. */
public class KeyMismatchException extends IllegalStateException {

    private final String keyName;
    private final boolean unfinishedReseal;

    KeyMismatchException(String keyName, boolean unfinishedReseal) {
        super(unfinishedReseal
                ? "a re-seal of the store's hosted private keys has not finished, and this server lacks the master key it rotates from"
                : "the " + keyName + " of this server is not the one the store's hosted private keys are sealed with");
        this.keyName = keyName;
        this.unfinishedReseal = unfinishedReseal;
    }

    /** {@code master key}, or {@code kms key '<id>'}. */
    public String keyName() {
        return keyName;
    }

    /** Whether the key is there, but some hosted private keys are still sealed under one of before a rotation. */
    public boolean unfinishedReseal() {
        return unfinishedReseal;
    }
}
