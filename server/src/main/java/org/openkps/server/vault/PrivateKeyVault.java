package org.openkps.server.vault;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.openkps.server.config.KpsProperties;
import org.springframework.stereotype.Component;

/**
 * Keeps hosted private keys encrypted at rest.
 *
 * <p>Each private key is encrypted with AES-256-GCM under a fresh random 256-bit data key; the data key is
 * wrapped with AES-256-GCM by a key-encryption key: the master key for {@code default} protection, or a
 * key of the local key ring ({@code kps.kms.keys}) for {@code kms} protection. The caller's context (e.g.
 * {@code projectId/keypairId}), the protection type and the key-ring key id are bound into both GCM
 * operations as associated data, so a sealed key copied onto another row, or relabelled, does not open.
 *
 * <p>Key-encryption keys come from configuration ({@code kps.vault.master-key},
 * {@code kps.kms.keys[N].secret}) or, when absent, from {@code <data-dir>/keys/master.key} and
 * {@code <data-dir>/keys/kms-<id>.key}, generated on first use. Nothing here logs or reports key material.
 */
@Component
public class PrivateKeyVault {

    static final byte FORMAT_VERSION = 1;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    static final int TAG_LENGTH = TAG_BITS / 8;

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final String PURPOSE_DATA_KEY = "data-key";
    private static final String PURPOSE_PRIVATE_KEY = "private-key";
    private static final int MAX_QUOTED_LENGTH = 128;
    private static final int MAX_PLAIN_FILE_ID_LENGTH = 64;

    private final SecureRandom random = new SecureRandom();
    private final KeyEncryptionKey masterKey;
    private final Map<String, RingKey> ringById;
    private final Map<String, RingKey> ringByName;

    /** A key of the local key ring. */
    private record RingKey(String id, String name, KeyEncryptionKey kek) {
    }

    /**
     * Checks the settings and reads the key files that already exist; a broken setting or key file fails
     * here with an {@link IllegalStateException}. Missing key files are generated on first use.
     */
    public PrivateKeyVault(KpsProperties properties) {
        Objects.requireNonNull(properties, "properties");
        Path keysDir = properties.dataDir() == null ? null : properties.dataDir().resolve("keys");

        String configuredMaster = properties.vault() == null
                ? null : Protection.blankToNull(properties.vault().masterKey());
        if (configuredMaster != null) {
            masterKey = KeyEncryptionKey.configured("master key",
                    KeyFiles.decodeConfigured(configuredMaster, "kps.vault.master-key"));
        } else {
            masterKey = KeyEncryptionKey.inFile("master key",
                    requireKeysDir(keysDir, "kps.vault.master-key").resolve("master.key"), random);
        }

        List<KpsProperties.KmsKey> keys = properties.kms() == null || properties.kms().keys() == null
                ? List.of() : properties.kms().keys();
        Map<String, RingKey> byId = new LinkedHashMap<>();
        Map<String, RingKey> byName = new LinkedHashMap<>();
        Map<String, String> settingById = new HashMap<>();
        Map<String, String> settingByName = new HashMap<>();
        Map<String, String> settingByFile = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String setting = "kps.kms.keys[" + i + "]";
            KpsProperties.KmsKey key = keys.get(i);
            if (key == null) {
                throw new IllegalStateException(setting + " is empty");
            }
            String id = Protection.blankToNull(key.id());
            String name = Protection.blankToNull(key.name());
            if (id == null) {
                throw new IllegalStateException(setting + ".id is required");
            }
            if (settingById.containsKey(id)) {
                throw new IllegalStateException(setting + ".id " + quote(id) + " is also the id of "
                        + settingById.get(id));
            }
            if (name != null && settingByName.containsKey(name)) {
                throw new IllegalStateException(setting + ".name " + quote(name) + " is also the name of "
                        + settingByName.get(name));
            }
            String secret = Protection.blankToNull(key.secret());
            KeyEncryptionKey kek;
            String description = "kms key " + quote(id);
            if (secret != null) {
                kek = KeyEncryptionKey.configured(description, KeyFiles.decodeConfigured(secret, setting + ".secret"));
            } else {
                String fileName = kmsKeyFileName(id);
                String folded = fileName.toLowerCase(Locale.ROOT);
                if (settingByFile.containsKey(folded)) {
                    throw new IllegalStateException(setting + ".id " + quote(id) + " would share its key file "
                            + fileName + " with " + settingByFile.get(folded) + "; give one of them a secret or "
                            + "another id");
                }
                settingByFile.put(folded, setting);
                kek = KeyEncryptionKey.inFile(description,
                        requireKeysDir(keysDir, setting + ".secret").resolve(fileName), random);
            }
            RingKey ringKey = new RingKey(id, name, kek);
            byId.put(id, ringKey);
            settingById.put(id, setting);
            if (name != null) {
                byName.put(name, ringKey);
                settingByName.put(name, setting);
            }
        }
        ringById = Collections.unmodifiableMap(byId);
        ringByName = Collections.unmodifiableMap(byName);
    }

    /**
     * Checks a requested protection against the key ring without sealing anything.
     *
     * @return for {@code kms}, the id and name of the key-ring key it names; for {@code default}, no key
     * @throws MissingKmsKeyException when {@code kms} names no key at all
     * @throws UnknownKmsKeyException when the id or name is not in the key ring, or they name different keys
     */
    public ResolvedProtection resolve(Protection protection) {
        Objects.requireNonNull(protection, "protection");
        if (protection.type() == ProtectionType.DEFAULT) {
            return ResolvedProtection.DEFAULT;
        }
        String id = protection.kmsKeyId();
        String name = protection.kmsKeyName();
        if (id == null && name == null) {
            throw new MissingKmsKeyException();
        }
        RingKey byId = null;
        if (id != null) {
            byId = ringById.get(id);
            if (byId == null) {
                throw new UnknownKmsKeyException(
                        "kms_key_id " + quote(id) + " does not name a key of the key ring", id, name);
            }
        }
        RingKey byName = null;
        if (name != null) {
            byName = ringByName.get(name);
            if (byName == null) {
                throw new UnknownKmsKeyException(
                        "kms_key_name " + quote(name) + " does not name a key of the key ring", id, name);
            }
        }
        if (byId != null && byName != null && byId != byName) {
            throw new UnknownKmsKeyException("kms_key_id " + quote(id) + " and kms_key_name " + quote(name)
                    + " name different keys of the key ring", id, name);
        }
        RingKey key = byId != null ? byId : byName;
        return new ResolvedProtection(ProtectionType.KMS, key.id(), key.name());
    }

    /**
     * Encrypts a private key for storage.
     *
     * @param privateKeyPem the private key, as the API returns it
     * @param protection    the requested protection
     * @param context       associated data naming where the sealed key will be stored
     *                      (e.g. {@code projectId + "/" + keypairId}); the same value opens it
     * @throws MissingKmsKeyException when {@code kms} names no key at all
     * @throws UnknownKmsKeyException when the id or name is not in the key ring, or they name different keys
     * @throws VaultException         when a key-encryption key file cannot be created or read
     */
    public SealedPrivateKey seal(String privateKeyPem, Protection protection, String context) {
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(context, "context");
        if (privateKeyPem.isEmpty()) {
            throw new IllegalArgumentException("the private key to seal is empty");
        }
        ResolvedProtection resolved = resolve(protection);
        SecretKey kek = keyEncryptionKey(resolved.type(), resolved.kmsKeyId());

        byte[] dataKey = new byte[KeyFiles.KEY_LENGTH];
        random.nextBytes(dataKey);
        byte[] plaintext = privateKeyPem.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] ciphertext = encrypt(new SecretKeySpec(dataKey, "AES"), plaintext,
                    associatedData(PURPOSE_PRIVATE_KEY, resolved.type(), resolved.kmsKeyId(), context));
            byte[] wrappedDataKey = encrypt(kek, dataKey,
                    associatedData(PURPOSE_DATA_KEY, resolved.type(), resolved.kmsKeyId(), context));
            return new SealedPrivateKey(resolved.type(), resolved.kmsKeyId(), resolved.kmsKeyName(),
                    wrappedDataKey, ciphertext);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Decrypts a sealed private key.
     *
     * @param context the associated data it was sealed with
     * @throws VaultException when it does not open: wrong context, wrong or missing key-encryption key,
     *                        tampered or corrupted data
     */
    public String unseal(SealedPrivateKey sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(context, "context");
        String kmsKeyId = sealed.type() == ProtectionType.KMS ? sealed.kmsKeyId() : null;
        if (sealed.type() == ProtectionType.KMS && kmsKeyId == null) {
            throw new VaultException("the sealed private key is protected by kms but names no kms key");
        }
        SecretKey kek = keyEncryptionKey(sealed.type(), kmsKeyId);
        byte[] dataKey = decrypt(kek, sealed.wrappedDataKey(),
                associatedData(PURPOSE_DATA_KEY, sealed.type(), kmsKeyId, context), "data key");
        byte[] plaintext = null;
        try {
            if (dataKey.length != KeyFiles.KEY_LENGTH) {
                throw new VaultException("the data key of the sealed private key has a wrong length");
            }
            plaintext = decrypt(new SecretKeySpec(dataKey, "AES"), sealed.ciphertext(),
                    associatedData(PURPOSE_PRIVATE_KEY, sealed.type(), kmsKeyId, context), "private key");
            return new String(plaintext, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private SecretKey keyEncryptionKey(ProtectionType type, String kmsKeyId) {
        if (type == ProtectionType.DEFAULT) {
            return masterKey.get();
        }
        RingKey key = ringById.get(kmsKeyId);
        if (key == null) {
            throw new VaultException("kms key " + quote(kmsKeyId)
                    + " that protects this private key is not in the key ring (kps.kms.keys)");
        }
        return key.kek().get();
    }

    private byte[] encrypt(SecretKey key, byte[] plaintext, byte[] associatedData) {
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

    private static byte[] decrypt(SecretKey key, byte[] sealed, byte[] associatedData, String what) {
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
    private static byte[] associatedData(String purpose, ProtectionType type, String kmsKeyId, String context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + context.length());
        for (String field : new String[] {"openkps-vault", "v" + FORMAT_VERSION, purpose, type.wireValue(),
                kmsKeyId == null ? "" : kmsKeyId, context}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** {@code kms-<id>.key}, with a hash suffix when the id needs sanitizing or is long. */
    static String kmsKeyFileName(String id) {
        String sanitized = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (sanitized.equals(id) && id.length() <= MAX_PLAIN_FILE_ID_LENGTH) {
            return "kms-" + id + ".key";
        }
        String prefix = sanitized.substring(0, Math.min(sanitized.length(), 48));
        return "kms-" + prefix + "-" + sha256Hex(id).substring(0, 16) + ".key";
    }

    private static Path requireKeysDir(Path keysDir, String setting) {
        if (keysDir == null) {
            throw new IllegalStateException("kps.data-dir is required to keep generated keys when " + setting
                    + " is not set");
        }
        return keysDir;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Quotes a caller- or config-supplied id or name for a message: no control characters, bounded length. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("'");
        int end = Math.min(value.length(), MAX_QUOTED_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            quoted.append(Character.isISOControl(c) ? '?' : c);
        }
        if (value.length() > MAX_QUOTED_LENGTH) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }
}
