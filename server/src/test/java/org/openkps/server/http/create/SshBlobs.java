package org.openkps.server.http.create;

import java.io.ByteArrayOutputStream;
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

/** OpenSSH key blobs built by hand, for keys ssh-keygen will not make (short RSA, DSA). */
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
        byte[] encoded = generate("Ed25519", 0).getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        return line("ssh-ed25519", blob("ssh-ed25519", raw));
    }

    /** MD5 of the blob, as {@code ssh-keygen -l -E md5} prints it (without "MD5:"). */
    public static String md5Fingerprint(String line) {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("MD5").digest(decode(line)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] decode(String line) {
        return Base64.getDecoder().decode(line.split(" ")[1]);
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
