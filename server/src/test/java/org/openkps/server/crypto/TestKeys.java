package org.openkps.server.crypto;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

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
}
