package org.openkps.server.crypto;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** JDK key pairs for tests. */
final class TestKeys {

    private TestKeys() {
    }

    /** {@code kind} is "RSA" (2048 bits), "Ed25519", or a JDK curve name such as "secp256r1". */
    static KeyPair jdkKeyPair(String kind) throws Exception {
        return switch (kind) {
            case "Ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            case "RSA" -> KeyPairGenerator.getInstance("RSA").generateKeyPair();
            default -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(kind));
                yield generator.generateKeyPair();
            }
        };
    }

    /** "-----BEGIN PRIVATE KEY-----" (PKCS#8) of a JDK key. */
    static String pkcs8Pem(PrivateKey key) {
        return Pem.encode("PRIVATE KEY", key.getEncoded());
    }

    /** The same key with another comment. */
    static SshPublicKey withComment(SshPublicKey key, String comment) {
        return new SshPublicKey(key.type(), key.blob(), comment, key.publicKey(), key.algorithm());
    }

    /** As {@code ssh-keygen -l} prints it by default, including the "SHA256:" prefix. */
    static String sha256Fingerprint(SshPublicKey key) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(key.blob()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
