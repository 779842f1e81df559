package org.openkps.server.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key-encryption key: either configured, or kept in a key file that is read at construction when it
 * exists and generated on first use when it does not.
 */
final class KeyEncryptionKey {

    private final String description;
    private final Path file;
    private final SecureRandom random;
    private volatile SecretKey key;

    private KeyEncryptionKey(String description, Path file, SecureRandom random, SecretKey key) {
        this.description = description;
        this.file = file;
        this.random = random;
        this.key = key;
    }

    /** A key given in configuration (already decoded; the array is wiped). */
    static KeyEncryptionKey configured(String description, byte[] bytes) {
        try {
            return new KeyEncryptionKey(description, null, null, new SecretKeySpec(bytes, "AES"));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * A key kept in {@code file}: read now if the file exists (so a broken file fails at startup), otherwise
     * generated and written on first {@link #get()}.
     */
    static KeyEncryptionKey inFile(String description, Path file, SecureRandom random) {
        KeyEncryptionKey kek = new KeyEncryptionKey(description, file, random, null);
        if (Files.exists(file)) {
            kek.key = toKey(KeyFiles.read(file, description));
        }
        return kek;
    }

    /** The key, reading or generating its file on first need. */
    SecretKey get() {
        SecretKey current = key;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (key == null) {
                key = loadOrCreate();
            }
            return key;
        }
    }

    private SecretKey loadOrCreate() {
        try {
            if (Files.exists(file)) {
                return toKey(KeyFiles.read(file, description));
            }
            try {
                return toKey(KeyFiles.create(file, description, random));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return toKey(KeyFiles.read(file, description));
            }
        } catch (IOException e) {
            throw new VaultException("cannot create the " + description + " file " + file + ": " + e, e);
        } catch (IllegalStateException e) {
            throw new VaultException(e.getMessage(), e);
        }
    }

    private static SecretKey toKey(byte[] bytes) {
        try {
            return new SecretKeySpec(bytes, "AES");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + description + (file == null ? "" : ", " + file) + "]";
    }
}
