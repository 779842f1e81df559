package org.openkps.server.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;

/**
 * Reads the "openssh-key-v1" private key format (OpenSSH's PROTOCOL.key), which ssh-keygen
 * writes by default. Only unencrypted files can be read; encrypted ones are reported as such.
 */
final class OpenSshPrivateKeys {

    private static final String CONTEXT = "private_key is not a valid OpenSSH private key";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private OpenSshPrivateKeys() {
    }

    static PrivateKey parse(byte[] data) {
        if (data.length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new InvalidKeyMaterialException(CONTEXT + ": the openssh-key-v1 marker is missing");
        }
        SshWire.Reader outer = new SshWire.Reader(Arrays.copyOfRange(data, MAGIC.length, data.length), CONTEXT);
        String cipher = outer.readName();
        String kdf = outer.readName();
        outer.readBytes(); // KDF options
        if (!"none".equals(cipher) || !"none".equals(kdf)) {
            throw PrivateKeys.encrypted();
        }
        long count = outer.readUint32();
        if (count != 1) {
            throw outer.fail("the file holds " + count + " keys; exactly one is expected");
        }
        SshPublicKey embeddedPublic = SshPublicKey.fromBlob(outer.readBytes());
        byte[] section = outer.readBytes();
        outer.expectEnd();
        try {
            PrivateKey key = readPrivateSection(new SshWire.Reader(section, CONTEXT));
            if (!PrivateKeys.matches(key, embeddedPublic.publicKey())) {
                throw new InvalidKeyMaterialException(
                        CONTEXT + ": the public key stored in the file does not belong to its private key");
            }
            return key;
        } finally {
            Arrays.fill(section, (byte) 0);
        }
    }

    private static PrivateKey readPrivateSection(SshWire.Reader reader) {
        // Two equal random words; they differ when decryption used a wrong passphrase or the file is damaged.
        if (reader.readUint32() != reader.readUint32()) {
            throw reader.fail("the check values of the private section differ (the file is damaged)");
        }
        String type = reader.readName();
        PrivateKey key;
        if (SshPublicKey.RSA.equals(type)) {
            BigInteger n = reader.readMpint();
            BigInteger e = reader.readMpint();
            BigInteger d = reader.readMpint();
            BigInteger qInverse = reader.readMpint();
            BigInteger p = reader.readMpint();
            BigInteger q = reader.readMpint();
            KeyChecks.rsa(n, e);
            // Neither prime may be 1: 1 times the modulus is the modulus, and p - 1 = 0 divides nothing.
            if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || !p.multiply(q).equals(n)) {
                throw reader.fail("the RSA primes do not multiply to the modulus");
            }
            key = generate("RSA", new RSAPrivateCrtKeySpec(n, e, d, p, q,
                    d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), qInverse));
        } else if (SshPublicKey.ED25519.equals(type)) {
            byte[] publicKey = reader.readBytes();
            byte[] secret = reader.readBytes(); // seed || public key
            try {
                if (publicKey.length != Ed25519Keys.KEY_BYTES || secret.length != 2 * Ed25519Keys.KEY_BYTES) {
                    throw reader.fail("the Ed25519 key has the wrong length");
                }
                key = Ed25519Keys.privateFromSeed(Arrays.copyOf(secret, Ed25519Keys.KEY_BYTES));
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } else if (SshPublicKey.DSS.equals(type)) {
            throw KeyChecks.dsaRefused(true);
        } else {
            SshCurve curve = SshCurve.bySshType(type).orElseThrow(() -> new InvalidKeyMaterialException(
                    "private_key has the unsupported key type " + SshWire.describeName(type)));
            if (!curve.sshName.equals(reader.readName())) {
                throw reader.fail("the curve named inside the key does not match its type");
            }
            reader.readBytes(); // public point, checked against the embedded public key by the caller
            BigInteger d = reader.readMpint();
            if (!curve.isValidScalar(d)) {
                throw reader.fail("the EC private scalar is out of range");
            }
            key = generate("EC", new ECPrivateKeySpec(d, curve.spec()));
        }
        reader.readBytes(); // comment
        byte[] padding = reader.readRest();
        for (int i = 0; i < padding.length; i++) {
            if (padding[i] != (byte) (i + 1)) {
                throw reader.fail("the padding of the private section is invalid");
            }
        }
        return key;
    }

    private static PrivateKey generate(String algorithm, java.security.spec.KeySpec spec) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new InvalidKeyMaterialException(CONTEXT + ": the " + algorithm + " key could not be constructed");
        }
    }
}
