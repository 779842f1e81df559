package org.openkps.server.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.openkps.server.KpsSettings;
import org.openkps.server.keypair.InvalidKeyProtectionException;
import org.openkps.server.keypair.Protection;
import org.openkps.server.keypair.ProtectionType;
import org.openkps.server.keypair.UntrustedText;

/**
 * The key-encryption keys: the master key ({@code default} protection) and the keys of the local key
 * ring ({@code kms} protection, {@code kps.kms.keys}). Each comes from configuration or, when absent,
 * from a key file under {@code <data-dir>/keys/} ({@code master.key}, {@code kms-<id>.key}) generated on
 * first use. Nothing here logs or reports key material.
 */
final class KeyRing {

    private static final int MAX_PLAIN_FILE_ID_LENGTH = 64;

    private final KeyEncryptionKey masterKey;
    private final List<SecretKey> previousMasterKeys;
    private final Map<String, RingKey> byId;
    private final Map<String, RingKey> byName;

    /** A key of the local key ring. */
    private record RingKey(String id, String name, KeyEncryptionKey kek) {
    }

    /**
     * Checks the settings and reads the key files that already exist; a broken setting or key file fails
     * here with an {@link IllegalStateException}. Missing key files are generated on first use.
     */
    KeyRing(KpsSettings settings, SecureRandom random) {
        Path keysDir = settings.dataDir() == null ? null : settings.dataDir().resolve("keys");
        String configuredMaster = settings.vault() == null ? null : blankToNull(settings.vault().masterKey());
        masterKey = configuredMaster != null
                ? KeyEncryptionKey.configured("master key",
                        KeyFiles.decodeConfigured(configuredMaster, "kps.vault.master-key"))
                : KeyEncryptionKey.inFile("master key",
                        requireKeysDir(keysDir, "kps.vault.master-key").resolve("master.key"), random);
        List<String> previous = settings.vault() == null || settings.vault().previousMasterKeys() == null
                ? List.of() : settings.vault().previousMasterKeys();
        List<SecretKey> previousKeys = new ArrayList<>();
        for (int i = 0; i < previous.size(); i++) {
            String setting = "kps.vault.previous-master-keys[" + i + "]";
            if (blankToNull(previous.get(i)) == null) {
                throw new IllegalStateException(setting + " is empty");
            }
            byte[] bytes = KeyFiles.decodeConfigured(previous.get(i), setting);
            try {
                previousKeys.add(new SecretKeySpec(bytes, "AES"));
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        previousMasterKeys = List.copyOf(previousKeys);

        List<KpsSettings.KmsKey> keys = settings.kms() == null || settings.kms().keys() == null
                ? List.of() : settings.kms().keys();
        Map<String, RingKey> ids = new LinkedHashMap<>();
        Map<String, RingKey> names = new LinkedHashMap<>();
        Map<String, String> settingById = new HashMap<>();
        Map<String, String> settingByName = new HashMap<>();
        Map<String, String> settingByFile = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String setting = "kps.kms.keys[" + i + "]";
            KpsSettings.KmsKey key = keys.get(i);
            if (key == null) {
                throw new IllegalStateException(setting + " is empty");
            }
            String id = blankToNull(key.id());
            String name = blankToNull(key.name());
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
            String secret = blankToNull(key.secret());
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
            ids.put(id, ringKey);
            settingById.put(id, setting);
            if (name != null) {
                names.put(name, ringKey);
                settingByName.put(name, setting);
            }
        }
        byId = Map.copyOf(ids);
        byName = Map.copyOf(names);
    }

    /**
     * Checks a requested protection against the key ring.
     *
     * @return for {@code kms}, the id and name of the key-ring key it names; for {@code default}, no key
     * @throws InvalidKeyProtectionException when {@code kms} names no key, a key the ring does not have,
     *                                       or an id and a name of different keys
     */
    ResolvedProtection resolve(Protection protection) {
        if (protection.type() == ProtectionType.DEFAULT) {
            return ResolvedProtection.DEFAULT;
        }
        String id = protection.kmsKeyId();
        String name = protection.kmsKeyName();
        if (id == null && name == null) {
            throw new InvalidKeyProtectionException("kms_key_id or kms_key_name is required when type is kms");
        }
        RingKey keyById = id == null ? null : byId.get(id);
        if (id != null && keyById == null) {
            throw new InvalidKeyProtectionException("kms_key_id " + quote(id) + " does not name a key of the key ring");
        }
        RingKey keyByName = name == null ? null : byName.get(name);
        if (name != null && keyByName == null) {
            throw new InvalidKeyProtectionException(
                    "kms_key_name " + quote(name) + " does not name a key of the key ring");
        }
        if (keyById != null && keyByName != null && keyById != keyByName) {
            throw new InvalidKeyProtectionException("kms_key_id " + quote(id) + " and kms_key_name " + quote(name)
                    + " name different keys of the key ring");
        }
        RingKey key = keyById != null ? keyById : keyByName;
        return new ResolvedProtection(ProtectionType.KMS, key.id(), key.name());
    }

    /**
     * The key-encryption key of a protection: the master key, or the ring key of that id.
     *
     * @throws VaultException when the ring no longer has that key, or its key file cannot be read or made
     */
    SecretKey keyEncryptionKey(ProtectionType type, String kmsKeyId) {
        if (type == ProtectionType.DEFAULT) {
            return masterKey.get();
        }
        RingKey key = byId.get(kmsKeyId);
        if (key == null) {
            throw new VaultException("kms key " + quote(kmsKeyId)
                    + " that protects this private key is not in the key ring (kps.kms.keys)");
        }
        return key.kek().get();
    }

    /** The current master key, then the previous ones ({@code kps.vault.previous-master-keys}): what opens {@code default}. */
    List<SecretKey> masterKeys() {
        List<SecretKey> keys = new ArrayList<>(1 + previousMasterKeys.size());
        keys.add(masterKey.get());
        keys.addAll(previousMasterKeys);
        return keys;
    }

    /** The master keys of before a rotation, still accepted for opening. */
    List<SecretKey> previousMasterKeys() {
        return previousMasterKeys;
    }

    /** Every key-encryption key by its name: {@code master key}, {@code kms key '<id>'}. */
    Map<String, SecretKey> keysByName() {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put("master key", masterKey.get());
        byId.values().forEach(key -> keys.put("kms key " + quote(key.id()), key.kek().get()));
        return keys;
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

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e); // mandatory in every JDK
        }
    }

    private static Path requireKeysDir(Path keysDir, String setting) {
        if (keysDir == null) {
            throw new IllegalStateException("kps.data-dir is required to keep generated keys when " + setting
                    + " is not set");
        }
        return keysDir;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String quote(String value) {
        return UntrustedText.quote(value);
    }
}
