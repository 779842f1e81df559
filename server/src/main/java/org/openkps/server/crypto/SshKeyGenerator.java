package org.openkps.server.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Objects;

/** Generates real key pairs for "create key pair" requests. Thread-safe. */
public final class SshKeyGenerator {

    private final SecureRandom random;

    public SshKeyGenerator() {
        this(new SecureRandom());
    }

    public SshKeyGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public GeneratedKeyPair generateRsa2048() {
        return generateRsa(2048);
    }

    /** RSA with exponent 65537; the private key as PKCS#1 PEM, which ssh-keygen and OpenSSL both read. */
    public GeneratedKeyPair generateRsa(int bits) {
        if (bits < KeyChecks.RSA_MIN_BITS || bits > KeyChecks.RSA_MAX_BITS) {
            throw new IllegalArgumentException("RSA key size must be between " + KeyChecks.RSA_MIN_BITS
                    + " and " + KeyChecks.RSA_MAX_BITS + " bits, got " + bits);
        }
        KeyPair keyPair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            keyPair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
        String pem = PrivateKeys.toPkcs1Pem((RSAPrivateCrtKey) keyPair.getPrivate());
        return new GeneratedKeyPair(keyPair, pem, SshPublicKey.of(keyPair.getPublic()));
    }
}
