package org.openkps.server.aksk;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bouncycastle.asn1.pkcs.RSAPrivateKey;

/**
 * Key material made and checked here, independently of the server's crypto package: an Ed25519
 * key pair as an OpenSSH public key line and a PKCS#8 PEM, MD5 fingerprints of SSH public keys,
 * and whether a PKCS#1 private key belongs to an {@code ssh-rsa} public key.
 */
final class LocalKeys {

    private LocalKeys() {
    }

    /** An Ed25519 key pair: {@code ssh-ed25519 AAAA... comment} and {@code -----BEGIN PRIVATE KEY-----}. */
    record Ed25519(String publicKey, String privateKeyPem, String fingerprint) {
    }

    static Ed25519 ed25519(String comment) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            writeString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            writeString(blob, raw);
            String publicKey = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new Ed25519(publicKey, pem, md5Fingerprint(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ssh-keygen -l -E md5} without the prefix: MD5 of the key blob, lowercase hex pairs joined by {@code :}. */
    static String md5Fingerprint(String openSshPublicKey) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(blob(openSshPublicKey));
            String hex = HexFormat.of().formatHex(md5);
            return IntStream.range(0, md5.length).mapToObj(i -> hex.substring(2 * i, 2 * i + 2))
                    .collect(Collectors.joining(":"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a PKCS#1 PEM private key has the modulus and exponent of an {@code ssh-rsa} public key line. */
    static boolean rsaPrivateKeyMatches(String pkcs1Pem, String sshRsaPublicKey) {
        String base64 = pkcs1Pem.replace("-----BEGIN RSA PRIVATE KEY-----", "")
                .replace("-----END RSA PRIVATE KEY-----", "").replaceAll("\\s", "");
        RSAPrivateKey privateKey = RSAPrivateKey.getInstance(Base64.getDecoder().decode(base64));
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(blob(sshRsaPublicKey)))) {
            String type = new String(readString(in), StandardCharsets.US_ASCII);
            BigInteger e = new BigInteger(readString(in));
            BigInteger n = new BigInteger(readString(in));
            return type.equals("ssh-rsa") && e.equals(privateKey.getPublicExponent())
                    && n.equals(privateKey.getModulus());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] blob(String openSshPublicKey) {
        return Base64.getDecoder().decode(openSshPublicKey.strip().split(" ")[1]);
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static byte[] readString(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }
}
