package org.openkps.server.keypair;

/** What the public key of a key pair is: an OpenSSH key or an X.509 certificate. */
public enum KeypairType {
    SSH, X509
}
