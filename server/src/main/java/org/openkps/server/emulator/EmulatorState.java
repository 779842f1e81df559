package org.openkps.server.emulator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openkps.server.keypair.KeypairStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The stored state as a whole: reset between tests, and whether the store answers. */
@Service
public class EmulatorState {

    /** A store that takes longer than this to answer a trivial query is down for a caller waiting on it. */
    static final long PROBE_TIMEOUT_MILLIS = 2000;

    private final KeypairStore keypairs;
    private final TransactionTemplate transaction;

    public EmulatorState(KeypairStore keypairs, TransactionTemplate transaction) {
        this.keypairs = keypairs;
        this.transaction = transaction;
    }

    /** Removes everything stored of the project, or of every project when {@code projectId} is null. */
    public void reset(String projectId) {
        transaction.executeWithoutResult(status -> keypairs.deleteAll(projectId));
    }

    /**
     * Whether the store answers within {@link #PROBE_TIMEOUT_MILLIS}: a database that went away can keep a
     * connection pool waiting for half a minute, longer than anyone polling a health check should wait.
     */
    public boolean storeAnswers() {
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        Thread prober = new Thread(() -> probe.complete(keypairs.answers()), "openkps-store-probe");
        prober.setDaemon(true);
        prober.start();
        try {
            return probe.get(PROBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
