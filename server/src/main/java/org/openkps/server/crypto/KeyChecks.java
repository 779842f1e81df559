package org.openkps.server.crypto;

import java.math.BigInteger;

/** Acceptance rules shared by SSH public keys, private keys and certificates. */
final class KeyChecks {

    static final int RSA_MIN_BITS = 1024;
    /** OpenSSH's own limit (SSHBUF_MAX_BIGNUM). */
    static final int RSA_MAX_BITS = 16384;

    private static final BigInteger THREE = BigInteger.valueOf(3);

    private KeyChecks() {
    }

    static void rsa(BigInteger modulus, BigInteger exponent) {
        if (modulus.signum() <= 0 || !modulus.testBit(0)) {
            throw new InvalidKeyMaterialException("the RSA modulus is invalid: it must be a positive odd number");
        }
        int bits = modulus.bitLength();
        if (bits < RSA_MIN_BITS) {
            throw new InvalidKeyMaterialException(
                    "RSA keys shorter than " + RSA_MIN_BITS + " bits are not accepted (got " + bits + ")");
        }
        if (bits > RSA_MAX_BITS) {
            throw new InvalidKeyMaterialException(
                    "RSA keys longer than " + RSA_MAX_BITS + " bits are not accepted (got " + bits + ")");
        }
        if (exponent.compareTo(THREE) < 0 || !exponent.testBit(0) || exponent.compareTo(modulus) >= 0) {
            throw new InvalidKeyMaterialException(
                    "the RSA public exponent is invalid: it must be an odd number of at least 3 and below the modulus");
        }
    }

    static InvalidKeyMaterialException dsaRefused(boolean ssh) {
        return new InvalidKeyMaterialException(
                (ssh ? "DSA keys (ssh-dss)" : "DSA keys") + " are not accepted: the algorithm is obsolete");
    }

    static InvalidKeyMaterialException unsupportedCurve() {
        return new InvalidKeyMaterialException(
                "EC keys are only accepted on the curves P-256, P-384 and P-521 (nistp256, nistp384, nistp521)");
    }
}
