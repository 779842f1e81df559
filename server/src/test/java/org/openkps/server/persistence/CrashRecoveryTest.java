package org.openkps.server.persistence;

import org.junit.jupiter.api.extension.ExtendWith;
import org.openkps.server.support.SpecConformanceExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.KMS_BY_NAME;
import static org.openkps.server.support.TestCallers.ALICE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.persistence.HostedKeypairs.Hosted;
import org.openkps.server.support.TestCallers;

/**
 * The embedded store keeps what it acknowledged: key pairs answered with 200 are there, whole, after
 * the server is killed with SIGKILL right after the last answer, and after a graceful restart.
 */
@ExtendWith(SpecConformanceExtension.class)
class CrashRecoveryTest {

    private static final int KEYPAIRS = 20;
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedKeyPairSurvivesAKill9AndThenAGracefulRestart() throws Exception {
        Path data = dir.resolve("data");
        List<Hosted> acknowledged;
        try (ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"))) {
            acknowledged = createInQuickSuccession(first);
            first.kill();
        }

        try (ServerProcess afterKill = ServerProcess.start(data, dir.resolve("after-kill.log"))) {
            acknowledged.forEach(hosted -> HostedKeypairs.assertIntact(afterKill.api(), hosted));
            assertThat(afterKill.api().list(ALICE, "limit=1000").json().path("keypairs"))
                    .hasSize(KEYPAIRS);
            acknowledged.add(HostedKeypairs.create(afterKill.api(), TestCallers.uniqueName("before-stop"),
                    KMS_BY_NAME));
            afterKill.stop();
        }

        try (ServerProcess afterStop = ServerProcess.start(data, dir.resolve("after-stop.log"))) {
            acknowledged.forEach(hosted -> HostedKeypairs.assertIntact(afterStop.api(), hosted));
        }
    }

    /** {@link #KEYPAIRS} hosted key pairs from {@link #CLIENTS} clients at once, half under each protection. */
    private static List<Hosted> createInQuickSuccession(ServerProcess server) throws Exception {
        List<Callable<Hosted>> creates = new ArrayList<>();
        for (int i = 0; i < KEYPAIRS; i++) {
            String encryption = i % 2 == 0 ? DEFAULT : KMS_BY_NAME;
            String name = TestCallers.uniqueName("survivor");
            creates.add(() -> HostedKeypairs.create(server.api(), name, encryption));
        }
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Hosted> created = new ArrayList<>();
            for (Future<Hosted> answer : clients.invokeAll(creates)) {
                created.add(answer.get());
            }
            return created;
        } finally {
            clients.shutdownNow();
        }
    }
}
