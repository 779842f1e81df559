package org.openkps.server.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Digests rendered as lowercase hex pairs joined by ':', the form ssh-keygen -E md5 prints. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String md5(byte[] data) {
        return colonHex(digest("MD5", data));
    }

    public static String sha1(byte[] data) {
        return colonHex(digest("SHA-1", data));
    }

    public static String colonHex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (out.length() > 0) {
                out.append(':');
            }
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide MD5, SHA-1 and SHA-256.
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
