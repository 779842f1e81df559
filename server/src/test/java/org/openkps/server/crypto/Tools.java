package org.openkps.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ssh-keygen and openssl for cross-checks; tests using them are skipped where a tool is missing. */
final class Tools {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Tools() {
    }

    static boolean available(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /**
     * The cross-checks are the point of these tests: without ssh-keygen or openssl they fail rather
     * than skip (.ci/run installs both).
     */
    static void assumeAvailable(String program) {
        if (!available(program)) {
            throw new AssertionError(program + " is not installed; the crypto cross-checks need it");
        }
    }

    /** Runs a command with no input; output goes through files so a full pipe cannot block the process. */
    static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Like {@link #run} but fails the test on a non-zero exit; returns stdout. */
    static String runOk(Path workDir, String... command) throws IOException, InterruptedException {
        Result result = run(workDir, command);
        assertThat(result.exitCode()).as("%s failed: %s", String.join(" ", command), result.stderr()).isZero();
        return result.stdout();
    }

    /** Writes a file readable only by its owner, which ssh-keygen insists on for private keys. */
    static Path writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** ssh-keygen -t type [-b bits] [-m format] -N passphrase -f dir/name; returns the private key file. */
    static Path sshKeygen(Path dir, String name, String type, int bits, String format, String passphrase)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase,
                "-C", name + "@test", "-f", dir.resolve(name).toString()));
        if (bits > 0) {
            command.addAll(List.of("-b", Integer.toString(bits)));
        }
        if (format != null) {
            command.addAll(List.of("-m", format));
        }
        runOk(dir, command.toArray(String[]::new));
        return dir.resolve(name);
    }

    /** The fingerprint from "bits MD5:aa:bb:... comment (TYPE)", without the "MD5:" prefix. */
    static String sshKeygenMd5(Path dir, Path publicKeyFile) throws IOException, InterruptedException {
        String field = runOk(dir, "ssh-keygen", "-l", "-E", "md5", "-f", publicKeyFile.toString()).split(" ")[1];
        assertThat(field).startsWith("MD5:");
        return field.substring(4);
    }

    static String sshKeygenSha256(Path dir, Path publicKeyFile) throws IOException, InterruptedException {
        return runOk(dir, "ssh-keygen", "-l", "-E", "sha256", "-f", publicKeyFile.toString()).split(" ")[1];
    }

    /** "type base64" of an OpenSSH line, dropping the comment. */
    static String typeAndBase64(String line) {
        String[] fields = line.strip().split(" ");
        return fields[0] + " " + fields[1];
    }
}
