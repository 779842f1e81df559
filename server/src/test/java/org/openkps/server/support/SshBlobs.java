package org.openkps.server.support;

import java.io.ByteArrayInputStream;
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
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.asn1.pkcs.RSAPrivateKey;

/**
 * SSH key material made and read in Java, independently of the server's crypto package and of
 * ssh-keygen: OpenSSH key blobs built by hand (also for keys ssh-keygen will not make: short RSA,
 * DSA), MD5 fingerprints of public key lines, an Ed25519 key pair with a PKCS#8 PEM, and whether a
 * PKCS#1 private key belongs to an {@code ssh-rsa} line.
 */
public final class SshBlobs {

    private SshBlobs() {
    }

    /** The wire encoding of the fields: a String or byte[] as an SSH string, a BigInteger as an mpint. */
    public static byte[] blob(Object... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object field : fields) {
            byte[] bytes;
            if (field instanceof String text) {
                bytes = text.getBytes(StandardCharsets.US_ASCII);
            } else if (field instanceof BigInteger number) {
                bytes = number.toByteArray();
            } else if (field instanceof byte[] raw) {
                bytes = raw;
            } else {
                throw new IllegalArgumentException("not an SSH field: " + field);
            }
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    public static String line(String type, byte[] blob) {
        return type + " " + Base64.getEncoder().encodeToString(blob);
    }

    /** An {@code ssh-rsa} line for a fresh RSA key of any size the JDK makes (512 and up). */
    public static String rsaLine(int bits) {
        RSAPublicKey key = (RSAPublicKey) generate("RSA", bits).getPublic();
        return line("ssh-rsa", blob("ssh-rsa", key.getPublicExponent(), key.getModulus()));
    }

    /** An {@code ssh-dss} line, as OpenSSH used to make them. */
    public static String dssLine() {
        DSAPublicKey key = (DSAPublicKey) generate("DSA", 1024).getPublic();
        var params = key.getParams();
        return line("ssh-dss", blob("ssh-dss", params.getP(), params.getQ(), params.getG(), key.getY()));
    }

    /** An {@code ssh-ed25519} line of a fresh key. */
    public static String ed25519Line() {
        return ed25519Line(generate("Ed25519", 0));
    }

    /** An Ed25519 key pair: {@code ssh-ed25519 AAAA... comment}, its PKCS#8 PEM and its MD5 fingerprint. */
    public record Ed25519(String publicKey, String privateKeyPem, String fingerprint) {
    }

    /** A fresh Ed25519 key pair whose public line ends in {@code comment}. */
    public static Ed25519 ed25519(String comment) {
        KeyPair pair = generate("Ed25519", 0);
        String publicKey = ed25519Line(pair) + " " + comment;
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new Ed25519(publicKey, pem, md5Fingerprint(publicKey));
    }

    /** MD5 of the blob as {@code ssh-keygen -l -E md5} prints it, without "MD5:": lowercase hex pairs joined by ":". */
    public static String md5Fingerprint(String line) {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(decode(line)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The blob of an OpenSSH public key line (its second field). */
    public static byte[] decode(String line) {
        return Base64.getDecoder().decode(line.strip().split(" ")[1]);
    }

    /** Whether a PKCS#1 PEM private key has the modulus and exponent of an {@code ssh-rsa} public key line. */
    public static boolean rsaPrivateKeyMatches(String pkcs1Pem, String sshRsaPublicKey) {
        String base64 = pkcs1Pem.replace("-----BEGIN RSA PRIVATE KEY-----", "")
                .replace("-----END RSA PRIVATE KEY-----", "").replaceAll("\\s", "");
        RSAPrivateKey privateKey = RSAPrivateKey.getInstance(Base64.getDecoder().decode(base64));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(decode(sshRsaPublicKey)))) {
            String type = new String(readString(in), StandardCharsets.US_ASCII);
            BigInteger e = new BigInteger(readString(in));
            BigInteger n = new BigInteger(readString(in));
            return type.equals("ssh-rsa") && e.equals(privateKey.getPublicExponent())
                    && n.equals(privateKey.getModulus());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String ed25519Line(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        return line("ssh-ed25519", blob("ssh-ed25519", raw));
    }

    private static byte[] readString(DataInputStream in) throws IOException {
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        return value;
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
