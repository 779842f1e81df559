package org.openkps.server.keypair;

/** Who sees a key pair: its user only, or every user of the project. */
public enum KeypairScope {
    USER, DOMAIN
}
