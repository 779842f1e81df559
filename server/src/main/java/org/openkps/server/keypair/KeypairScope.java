package org.openkps.server.keypair;

/** Who sees a key pair: its user only, or every user of the project. */
public enum KeypairScope {

    USER("user"), DOMAIN("domain");

    private final String value;

    KeypairScope(String value) {
        this.value = value;
    }

    /** The KPS value of {@code scope}, as the contract and the database spell it. */
    public String value() {
        return value;
    }

    public static KeypairScope fromValue(String value) {
        for (KeypairScope scope : values()) {
            if (scope.value.equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("not a key pair scope: " + UntrustedText.quote(value));
    }
}
