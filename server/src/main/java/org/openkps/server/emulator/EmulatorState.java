package org.openkps.server.emulator;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openkps.server.association.BindingStore;
import org.openkps.server.association.ServerInventory;
import org.openkps.server.association.TaskStore;
import org.openkps.server.keypair.KeypairStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The stored state as a whole: reset between tests, and whether the store answers. */
@Service
public class EmulatorState {

    /** A store that takes longer than this to answer a trivial query is down for a caller waiting on it. */
    static final long PROBE_TIMEOUT_MILLIS = 2000;

    private final KeypairStore keypairs;
    private final TaskStore tasks;
    private final BindingStore bindings;
    private final ServerInventory servers;
    private final TransactionTemplate transaction;

    public EmulatorState(KeypairStore keypairs, TaskStore tasks, BindingStore bindings, ServerInventory servers,
            TransactionTemplate transaction) {
        this.keypairs = keypairs;
        this.tasks = tasks;
        this.bindings = bindings;
        this.servers = servers;
        this.transaction = transaction;
    }

    /**
     * Removes everything stored of the project, or of every project when {@code projectId} is null: key
     * pairs, hosted private keys, list markers, association tasks, bindings and the host keys remembered
     * for its servers, all or nothing.
     */
    public void reset(String projectId) {
        transaction.executeWithoutResult(status -> {
            keypairs.deleteAll(projectId);
            tasks.deleteAll(projectId);
            bindings.deleteAll(projectId, projectId == null ? List.of() : servers.serverIds(projectId));
        });
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
