package org.openkps.server.keypair;

/** What the public key of a key pair is: an OpenSSH key or an X.509 certificate. */
public enum KeypairType {

    SSH("ssh"), X509("x509");

    private final String value;

    KeypairType(String value) {
        this.value = value;
    }

    /** The KPS value of {@code type}, as the contract and the database spell it. */
    public String value() {
        return value;
    }

    public static KeypairType fromValue(String value) {
        for (KeypairType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a key pair type: " + UntrustedText.quote(value));
    }
}
