package org.openkps.server.support;

import java.util.concurrent.atomic.AtomicInteger;

/** The credentials of application-test.yaml: two users of one project, and a user of another project. */
public final class TestCallers {

    public static final String PROJECT = "0b7a2f3c9d4e45f6a1b2c3d4e5f60718";
    public static final String OTHER_PROJECT = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    public static final Caller ALICE = new Caller("alice-token", "ALICEACCESSKEY000001", "alice-secret-key",
            PROJECT, "a11ce000000000000000000000000001");
    public static final Caller BOB = new Caller("bob-token", "BOBACCESSKEY00000002", "bob-secret-key",
            PROJECT, "b0b00000000000000000000000000002");
    public static final Caller CAROL = new Caller("carol-token", "CAROLACCESSKEY000003", "carol-secret-key",
            OTHER_PROJECT, "ca401000000000000000000000000003");

    public static final String KMS_KEY_ID = "3d5f8e2a-6b1c-4a9d-8e7f-0a1b2c3d4e5f";
    public static final String KMS_KEY_NAME = "kps/default";

    private static final AtomicInteger counter = new AtomicInteger();

    private TestCallers() {
    }

    /** A key pair name no other test uses (the tests share one server). */
    public static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + counter.incrementAndGet();
    }

    public record Caller(String token, String accessKey, String secretKey, String projectId, String userId) {
    }
}
