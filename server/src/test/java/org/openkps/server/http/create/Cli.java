package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** ssh-keygen and openssl, the independent judges of what the server hands out and accepts. */
final class Cli {

    private Cli() {
    }

    /** Runs a command in {@code dir}; fails the test unless it exits 0; returns its stdout. */
    static String run(Path dir, String... command) {
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
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

    /** Writes a file only its owner may read, as ssh-keygen demands of private keys. */
    static Path writeSecret(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code ssh-keygen -t type [-b bits] [-m format] -C comment}, no passphrase.
     *
     * @return the private key file; the public key is next to it with {@code .pub}
     */
    static Path sshKeygen(Path dir, String fileName, String type, int bits, String format, String comment) {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", comment,
                "-f", dir.resolve(fileName).toString()));
        if (bits > 0) {
            command.addAll(List.of("-b", Integer.toString(bits)));
        }
        if (format != null) {
            command.addAll(List.of("-m", format));
        }
        run(dir, command.toArray(String[]::new));
        return dir.resolve(fileName);
    }

    /** The public key ssh-keygen derives from a private key file: {@code type base64}. */
    static String sshPublicOf(Path dir, Path privateKey) {
        return typeAndBase64(run(dir, "ssh-keygen", "-y", "-f", privateKey.toString()));
    }

    /** {@code ssh-keygen -l -E md5} without the "MD5:" prefix. */
    static String sshMd5(Path dir, Path publicKey) {
        String field = run(dir, "ssh-keygen", "-l", "-E", "md5", "-f", publicKey.toString()).split(" ")[1];
        assertThat(field).startsWith("MD5:");
        return field.substring("MD5:".length());
    }

    /** The key size ssh-keygen reports for a public key file. */
    static int sshBits(Path dir, Path publicKey) {
        return Integer.parseInt(run(dir, "ssh-keygen", "-l", "-f", publicKey.toString()).split(" ")[0]);
    }

    /** {@code openssl x509 -fingerprint -sha1}, lowercased as the contract writes it. */
    static String opensslSha1(Path dir, Path certificate) {
        String line = run(dir, "openssl", "x509", "-noout", "-fingerprint", "-sha1", "-in", certificate.toString());
        return line.substring(line.indexOf('=') + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** "type base64" of an OpenSSH line, without the comment. */
    static String typeAndBase64(String line) {
        String[] fields = line.strip().split("\\s+");
        return fields[0] + " " + fields[1];
    }
}
