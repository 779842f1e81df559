package org.openkps.server.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The key parsers against whatever bytes a caller could send: the only failure a parser may have is
 * its own "invalid key material"; any other throwable, or a parse slower than a second, is a finding.
 * {@code mvn verify} replays the committed seeds (src/test/resources/.../KeyParsersFuzzTestInputs)
 * and fuzzes each parser for a few seconds (the fuzz executions in server/pom.xml); longer on demand:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl server -am test -Dtest='KeyParsersFuzzTest#sshPublicKeys' -Djazzer.max_duration=10m}.
 */
class KeyParsersFuzzTest {

    private static final Duration SLOW = Duration.ofSeconds(1);

    @FuzzTest(maxDuration = "8s")
    void sshPublicKeys(byte[] data) {
        parse(() -> SshPublicKey.parse(text(data)));
    }

    @FuzzTest(maxDuration = "8s")
    void privateKeys(byte[] data) {
        parse(() -> PrivateKeys.parse(text(data)));
    }

    @FuzzTest(maxDuration = "8s")
    void openSshPrivateKeys(byte[] data) {
        parse(() -> OpenSshPrivateKeys.parse(data));
    }

    @FuzzTest(maxDuration = "8s")
    void certificates(byte[] data) {
        parse(() -> X509Certificates.parse(text(data)));
    }

    // Raw bytes, so the committed seeds are plain files; callers send UTF-8.
    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private static void parse(Runnable parser) {
        Duration took = timed(parser);
        // A slow parse is parsed again: only what is slow twice is the input's doing, not a class being
        // loaded for the first time or a pause of this shared machine.
        if (took.compareTo(SLOW) > 0 && timed(parser).compareTo(SLOW) > 0) {
            throw new AssertionError("a parse took " + took.toMillis() + " ms, twice");
        }
    }

    private static Duration timed(Runnable parser) {
        long start = System.nanoTime();
        try {
            parser.run();
        } catch (InvalidKeyMaterialException refused) {
            // what a parser says of bad input
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
