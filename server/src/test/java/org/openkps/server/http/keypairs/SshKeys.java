package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Key pairs made by the real {@code ssh-keygen}, so that what the server is fed is what users feed it.
 * The named ones are made once per test run (RSA-4096 takes a while); {@link #fresh} makes a new one.
 */
final class SshKeys {

    /**
     * @param publicLine     the {@code .pub} line as ssh-keygen wrote it, with its comment
     * @param privateKey     the private key file, byte for byte
     * @param md5Fingerprint {@code ssh-keygen -l -E md5}, without the {@code MD5:} prefix
     */
    record SshKey(String publicLine, String privateKey, String md5Fingerprint) {

        /** "type base64" of the public line, without the comment. */
        String typeAndBase64() {
            String[] fields = publicLine.strip().split(" ");
            return fields[0] + " " + fields[1];
        }
    }

    private static final Map<String, SshKey> MADE = new ConcurrentHashMap<>();

    private SshKeys() {
    }

    /** Ed25519, private key in the OpenSSH format ({@code BEGIN OPENSSH PRIVATE KEY}). */
    static SshKey ed25519() {
        return MADE.computeIfAbsent("ed25519", k -> fresh("ed25519", 0, null));
    }

    /** ECDSA P-384, private key in SEC1 PEM ({@code BEGIN EC PRIVATE KEY}). */
    static SshKey ecdsa384() {
        return MADE.computeIfAbsent("ecdsa384", k -> fresh("ecdsa", 384, "PEM"));
    }

    /** RSA-4096, private key in the OpenSSH format. */
    static SshKey rsa4096() {
        return MADE.computeIfAbsent("rsa4096", k -> fresh("rsa", 4096, null));
    }

    /** A key pair no other test has: {@code ssh-keygen -t type [-b bits] [-m format]}. */
    static SshKey fresh(String type, int bits, String format) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kps-ssh-keys");
            Path key = dir.resolve("key");
            List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C",
                    type + "@kps-test", "-f", key.toString()));
            if (bits > 0) {
                command.addAll(List.of("-b", Integer.toString(bits)));
            }
            if (format != null) {
                command.addAll(List.of("-m", format));
            }
            run(dir, command);
            Path pub = dir.resolve("key.pub");
            String md5 = run(dir, List.of("ssh-keygen", "-l", "-E", "md5", "-f", pub.toString())).split(" ")[1];
            assertThat(md5).startsWith("MD5:");
            return new SshKey(Files.readString(pub), Files.readString(key), md5.substring("MD5:".length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String run(Path dir, List<String> command) throws IOException {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), Files.readString(err)).isZero();
        return Files.readString(out);
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
