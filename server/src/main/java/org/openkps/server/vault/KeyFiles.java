package org.openkps.server.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading and writing the 32-byte key files under {@code <data-dir>/keys}: one line of base64, owner-only
 * permissions where POSIX is supported, written to a temporary file and moved into place so a crash never
 * leaves a half-written key behind.
 */
final class KeyFiles {

    static final int KEY_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);
    private static final int MAX_FILE_SIZE = 1024;
    private static final Set<PosixFilePermission> OWNER_RW =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_RWX = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private KeyFiles() {
    }

    /**
     * Decodes a configured key: base64 (standard or URL-safe) of exactly 32 bytes.
     *
     * @param setting the name of the setting, for the message; the value itself is never quoted
     * @throws IllegalStateException when the value is not base64 of 32 bytes
     */
    static byte[] decodeConfigured(String value, String setting) {
        byte[] key = decode(value.trim());
        if (key == null) {
            throw new IllegalStateException(setting + " must be base64 of " + KEY_LENGTH
                    + " bytes, but it is not valid base64");
        }
        if (key.length != KEY_LENGTH) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException(setting + " must be base64 of " + KEY_LENGTH
                    + " bytes, but it decodes to " + length + " bytes");
        }
        return key;
    }

    /**
     * Reads a key file.
     *
     * @throws IllegalStateException when it cannot be read or does not hold base64 of 32 bytes
     */
    static byte[] read(Path file, String description) {
        byte[] content;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw invalid(file, description, "it is too large");
            }
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the " + description + " file " + file + ": " + e, e);
        }
        try {
            byte[] key = decode(new String(content, StandardCharsets.ISO_8859_1).trim());
            if (key == null) {
                throw invalid(file, description, "it is not valid base64");
            }
            if (key.length != KEY_LENGTH) {
                int length = key.length;
                Arrays.fill(key, (byte) 0);
                throw invalid(file, description, "it decodes to " + length + " bytes");
            }
            warnIfReadableByOthers(file, description);
            return key;
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /**
     * Generates a fresh key and writes it to {@code file} atomically, creating the directories it needs.
     * The file is owner-only (rw-------) where POSIX permissions are supported.
     */
    static byte[] create(Path file, String description, SecureRandom random) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = createDirectories(dir);
        byte[] key = new byte[KEY_LENGTH];
        random.nextBytes(key);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path tmp = posix
                ? Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_RW))
                : Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            if (!posix) {
                restrictToOwner(tmp);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(text);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            publish(tmp, file);
            syncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            Arrays.fill(key, (byte) 0);
            throw e;
        } finally {
            Arrays.fill(text, (byte) 0);
            Files.deleteIfExists(tmp);
        }
        log.info("Generated a new {} in {}", description, file);
        return key;
    }

    /**
     * Puts the finished key file in place only if none is there: a hard link fails when the name exists,
     * so of two processes creating the same key at once exactly one wins and the other reads the winner's
     * (a move would silently replace a key that may already protect something).
     *
     * @throws FileAlreadyExistsException when another key file is already there
     */
    private static void publish(Path tmp, Path file) throws IOException {
        try {
            Files.createLink(file, tmp);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof FileAlreadyExistsException exists) {
                throw exists;
            }
            // No hard links here (some file systems): the best a move can do.
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException moveNotAtomic) {
                Files.move(tmp, file);
            }
        }
    }

    /** Creates {@code dir} (owner-only where POSIX is supported) and its parents; tells whether POSIX applies. */
    private static boolean createDirectories(Path dir) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (Files.isDirectory(dir)) {
            return posix;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        try {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
        return posix;
    }

    private static void restrictToOwner(Path file) {
        var f = file.toFile();
        // best effort where POSIX permissions are not available
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setExecutable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not supported everywhere (e.g. Windows); the file itself has been forced
        }
    }

    private static void warnIfReadableByOthers(Path file, String description) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!OWNER_RWX.containsAll(permissions)) {
                    log.warn("The {} file {} is accessible to others ({}); it should be owner-only (rw-------)",
                            description, file, PosixFilePermissions.toString(permissions));
                }
            }
        } catch (IOException | RuntimeException e) {
            // only a warning
        }
    }

    private static IllegalStateException invalid(Path file, String description, String why) {
        return new IllegalStateException("the " + description + " file " + file + " must hold base64 of "
                + KEY_LENGTH + " bytes, but " + why);
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }
}
