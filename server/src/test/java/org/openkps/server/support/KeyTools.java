package org.openkps.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * ssh-keygen and openssl, the independent judges of what the server makes, hands out and accepts:
 * commands run in a directory of the test's (its temp dir), with their files there.
 *
 * <p>The cross-checks are the point of the tests that use them. In CI (environment variable
 * {@code CI=true}, as .ci/run runs, which installs both tools) a missing tool fails the test; on a
 * developer's machine with only a JDK the tests that need it are skipped, saying why, so that the
 * README's test command still works there.
 */
public final class KeyTools {

    private static final Map<String, SshKey> MADE = new ConcurrentHashMap<>();

    private KeyTools() {
    }

    // ---- running the tools -----------------------------------------------------------------

    /** Fails (in CI) or skips (elsewhere) the test unless {@code program} is an executable on the PATH. */
    public static void requireInstalled(String program) {
        boolean installed = program.contains(File.separator)
                ? Files.isExecutable(Path.of(program))
                : Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        String missing = program + " is not installed; the key cross-checks need it (Debian: openssh-client, openssl)";
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing);
        }
        Assumptions.assumeTrue(installed, missing);
    }

    /**
     * Runs a command in {@code dir} with no input; fails the test unless it exits 0; returns its stdout.
     * Output goes through files so that a full pipe cannot block the process.
     */
    public static String run(Path dir, String... command) {
        requireInstalled(command[0]);
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), Files.readString(err)).isZero();
            return Files.readString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- files -----------------------------------------------------------------------------

    /** Writes a file only its owner may read, as ssh-keygen demands of private keys. */
    public static Path writeSecret(Path file, String text) {
        write(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- ssh-keygen and openssl ------------------------------------------------------------

    /**
     * {@code ssh-keygen -t type [-b bits] [-m format] -C comment}, no passphrase.
     *
     * @return the private key file; the public key is next to it with {@code .pub}
     */
    public static Path sshKeygen(Path dir, String fileName, String type, int bits, String format, String comment) {
        return sshKeygen(dir, fileName, type, bits, format, comment, "");
    }

    /** {@code ssh-keygen -t type [-b bits] [-m format] -C comment -N passphrase}; returns the private key file. */
    public static Path sshKeygen(Path dir, String fileName, String type, int bits, String format, String comment,
                                 String passphrase) {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase,
                "-C", comment, "-f", dir.resolve(fileName).toString()));
        if (bits > 0) {
            command.addAll(List.of("-b", Integer.toString(bits)));
        }
        if (format != null) {
            command.addAll(List.of("-m", format));
        }
        run(dir, command.toArray(String[]::new));
        return dir.resolve(fileName);
    }

    /** The public key ssh-keygen derives from a private key file ({@code ssh-keygen -y}): {@code type base64}. */
    public static String sshPublicOf(Path dir, Path privateKey) {
        return typeAndBase64(run(dir, "ssh-keygen", "-y", "-f", privateKey.toString()));
    }

    /** {@code ssh-keygen -l -E md5} without the "MD5:" prefix. */
    public static String sshMd5(Path dir, Path publicKey) {
        String field = run(dir, "ssh-keygen", "-l", "-E", "md5", "-f", publicKey.toString()).split(" ")[1];
        assertThat(field).startsWith("MD5:");
        return field.substring("MD5:".length());
    }

    /** {@code ssh-keygen -l -E sha256}, with its "SHA256:" prefix. */
    public static String sshSha256(Path dir, Path publicKey) {
        return run(dir, "ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString()).split(" ")[1];
    }

    /** The key size ssh-keygen reports for a public key file. */
    public static int sshBits(Path dir, Path publicKey) {
        return Integer.parseInt(run(dir, "ssh-keygen", "-l", "-f", publicKey.toString()).split(" ")[0]);
    }

    /** {@code openssl x509 -fingerprint -sha1}, lowercased as the contract writes it. */
    public static String opensslSha1(Path dir, Path certificate) {
        String line = run(dir, "openssl", "x509", "-noout", "-fingerprint", "-sha1", "-in", certificate.toString());
        return line.substring(line.indexOf('=') + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** "type base64" of an OpenSSH line, without the comment. */
    public static String typeAndBase64(String line) {
        String[] fields = line.strip().split("\\s+");
        return fields[0] + " " + fields[1];
    }

    // ---- key pairs made once per test run --------------------------------------------------

    /**
     * A key pair made by the real ssh-keygen, so that what the server is fed is what users feed it.
     *
     * @param publicLine     the {@code .pub} line as ssh-keygen wrote it, with its comment
     * @param privateKey     the private key file, byte for byte
     * @param md5Fingerprint {@code ssh-keygen -l -E md5}, without the {@code MD5:} prefix
     */
    public record SshKey(String publicLine, String privateKey, String md5Fingerprint) {

        /** "type base64" of the public line, without the comment. */
        public String typeAndBase64() {
            return KeyTools.typeAndBase64(publicLine);
        }
    }

    /** Ed25519, private key in the OpenSSH format ({@code BEGIN OPENSSH PRIVATE KEY}); made once per run. */
    public static SshKey ed25519() {
        return MADE.computeIfAbsent("ed25519", k -> fresh("ed25519", 0, null));
    }

    /** ECDSA P-384, private key in SEC1 PEM ({@code BEGIN EC PRIVATE KEY}); made once per run. */
    public static SshKey ecdsa384() {
        return MADE.computeIfAbsent("ecdsa384", k -> fresh("ecdsa", 384, "PEM"));
    }

    /** RSA-4096, private key in the OpenSSH format; made once per run (it takes a while). */
    public static SshKey rsa4096() {
        return MADE.computeIfAbsent("rsa4096", k -> fresh("rsa", 4096, null));
    }

    /** A key pair no other test has: {@code ssh-keygen -t type [-b bits] [-m format]} in a temp dir of its own. */
    public static SshKey fresh(String type, int bits, String format) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kps-ssh-keys");
            Path key = sshKeygen(dir, "key", type, bits, format, type + "@kps-test");
            Path pub = dir.resolve("key.pub");
            return new SshKey(read(pub), read(key), sshMd5(dir, pub));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
