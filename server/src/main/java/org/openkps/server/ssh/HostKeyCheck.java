package org.openkps.server.ssh;

import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * The host-key decision for one connection: the key must have the expected fingerprint, or, with none
 * expected, any key is accepted (trust on first use) and its fingerprint kept for the caller to remember.
 */
final class HostKeyCheck {

    private final String expected;
    private volatile String shown;
    private volatile boolean mismatch;

    HostKeyCheck(String expected) {
        this.expected = expected;
    }

    boolean accept(PublicKey key) {
        shown = KeyUtils.getFingerPrint(key);
        if (expected == null) {
            return true;
        }
        mismatch = !KeyUtils.checkFingerPrint(expected.strip(), key).getKey();
        return !mismatch;
    }

    /** The fingerprint ({@code SHA256:...}) of the host key the server showed; null before the key exchange. */
    String shown() {
        return shown;
    }

    boolean mismatched() {
        return mismatch;
    }
}
