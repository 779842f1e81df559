package org.openkps.server.vault;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.openkps.server.keypair.ProtectionType;

/**
 * AES-256-GCM as the vault uses it: {@code version(1) || nonce(12) || ciphertext || tag(16)}, with
 * associated data that binds what is sealed to its purpose, its protection and where it is stored.
 */
final class Envelope {

    static final byte FORMAT_VERSION = 1;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    static final int TAG_LENGTH = TAG_BITS / 8;

    /** What a sealed value is, bound into its associated data. */
    enum Purpose {
        DATA_KEY("data-key", "data key"), PRIVATE_KEY("private-key", "private key");

        private final String label;
        private final String description;

        Purpose(String label, String description) {
            this.label = label;
            this.description = description;
        }
    }

    private static final String CIPHER = "AES/GCM/NoPadding";

    private Envelope() {
    }

    static byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData, SecureRandom random) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] out = new byte[1 + NONCE_LENGTH + cipher.getOutputSize(plaintext.length)];
            out[0] = FORMAT_VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_LENGTH);
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + NONCE_LENGTH);
            return written == out.length - 1 - NONCE_LENGTH ? out : Arrays.copyOf(out, 1 + NONCE_LENGTH + written);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** @throws VaultException when it does not open: wrong key or associated data, tampered or truncated */
    static byte[] open(SecretKey key, byte[] sealed, byte[] associatedData, Purpose purpose) {
        String what = purpose.description;
        if (sealed.length < 1 + NONCE_LENGTH + TAG_LENGTH) {
            throw new VaultException("the sealed " + what + " is truncated");
        }
        if (sealed[0] != FORMAT_VERSION) {
            throw new VaultException("the sealed " + what + " has an unsupported format version "
                    + (sealed[0] & 0xff));
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_LENGTH));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, 1 + NONCE_LENGTH, sealed.length - 1 - NONCE_LENGTH);
        } catch (AEADBadTagException e) {
            throw new VaultException("the sealed " + what + " does not open: wrong key-encryption key, wrong "
                    + "context, or corrupted data");
        } catch (GeneralSecurityException e) {
            throw new VaultException("the sealed " + what + " does not open: " + e.getClass().getSimpleName());
        }
    }

    /** Length-prefixed fields, so that no two different tuples encode alike. */
    static byte[] associatedData(Purpose purpose, ProtectionType type, String kmsKeyId, String context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + context.length());
        for (String field : new String[] {"openkps-vault", "v" + FORMAT_VERSION, purpose.label, type.value(),
                kmsKeyId == null ? "" : kmsKeyId, context}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
