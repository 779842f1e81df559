package org.openkps.server.association;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openkps.server.keypair.KeypairService;
import org.openkps.server.keypair.UntrustedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs association tasks in the background, a few at a time, and records each step in the store:
 * READY, then RUNNING, then SUCCESS or FAILED. The credentials of a task live only in the closure that
 * runs it. A task left unfinished by a previous process (a crash, a restart) cannot be resumed, since
 * its credentials are gone: at start-up it ends FAILED with a reason.
 */
@Component
public class TaskRunner implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
    private static final int WORKERS = 4;

    private final TaskStore tasks;
    private final BindingStore bindings;
    private final AssociationWork work;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AssociationTimings timings;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(WORKERS, new Workers());

    public TaskRunner(TaskStore tasks, BindingStore bindings, KeypairService keypairs, ServerAccess access,
                      TransactionTemplate transaction, Clock clock, AssociationTimings timings) {
        this.tasks = tasks;
        this.bindings = bindings;
        this.work = new AssociationWork(keypairs, bindings, access, timings.sshTimeout());
        this.transaction = transaction;
        this.clock = clock;
        this.timings = timings;
    }

    /** Before the server takes requests: what a previous process left unfinished ends FAILED. */
    @Override
    public void afterSingletonsInstantiated() {
        int interrupted = tasks.failUnfinished(TaskFailure.INTERRUPTED, "KPS restarted before the task ended; "
                + "whether the server's authorized_keys changed is unknown: check it, or send the request again",
                clock.millis());
        if (interrupted > 0) {
            log.warn("{} association task(s) left unfinished by the previous run ended FAILED", interrupted);
        }
    }

    /**
     * Runs the stored READY task: in the background at once for a server reached over SSH, after the task
     * delay for a bookkeeping one; a bookkeeping task without delay ends before this returns, so a suite
     * that sets no delay sees every task ended when its answer arrives.
     */
    void submit(Task task, EcsServer server, LoginCredential credential) {
        long delay = server.isReachable() ? 0 : timings.taskDelay().toMillis();
        if (!server.isReachable() && delay == 0) {
            run(task, server, credential);
            return;
        }
        try {
            executor.schedule(() -> run(task, server, credential), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            tasks.end(task.ended(Phase.FAILED, TaskFailure.INTERRUPTED, "KPS was stopping; send the request again",
                    clock.millis()));
        }
    }

    private void run(Task task, EcsServer server, LoginCredential credential) {
        if (!tasks.markRunning(task.id(), clock.millis())) {
            return;
        }
        try {
            Binding after = work.perform(task, server, credential, clock.millis());
            transaction.executeWithoutResult(status -> {
                if (after == null) {
                    bindings.unbind(server.id());
                } else {
                    bindings.bind(after);
                }
                tasks.end(task.ended(Phase.SUCCESS, null, null, clock.millis()));
            });
            log.info("task {}: {} of key pair {} on server {} succeeded{}", task.id(), task.operation(),
                    UntrustedText.quote(task.keypairName()), UntrustedText.quote(server.id()),
                    Boolean.TRUE.equals(task.disablePassword())
                            ? " (disable_password recorded; the server's sshd configuration is not changed)" : "");
        } catch (TaskFailure failure) {
            fail(task, failure.code(), failure.getMessage());
        } catch (RuntimeException e) {
            log.error("task {} failed unexpectedly", task.id(), e);
            fail(task, TaskFailure.INTERRUPTED, "internal error; quote task id " + task.id());
        }
    }

    private void fail(Task task, String code, String message) {
        log.info("task {}: {} on server {} failed: {} {}", task.id(), task.operation(),
                UntrustedText.quote(task.serverId()), code, message);
        tasks.end(task.ended(Phase.FAILED, code, message, clock.millis()));
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static final class Workers implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "kps-task-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
