package org.openkps.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** No commit returns before a write that includes it; concurrent commits share writes. */
class GroupCommitTest {

    /** A stand-in for H2: commits land in memory, a write copies what is in memory to "disk". */
    private static final class Store {
        final AtomicLong inMemory = new AtomicLong();
        final AtomicLong onDisk = new AtomicLong();

        long commit() {
            return inMemory.incrementAndGet();
        }

        void write() throws InterruptedException {
            long snapshot = inMemory.get();
            Thread.sleep(2); // writing takes a while, and commits go on meanwhile
            onDisk.accumulateAndGet(snapshot, Math::max);
        }
    }

    @Test
    void everyCommitIsOnDiskWhenItReturnsAndConcurrentCommitsShareWrites() throws Exception {
        GroupCommit group = new GroupCommit();
        Store store = new Store();
        int threads = 16;
        int commitsEach = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Void>> committers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            committers.add(() -> {
                go.await();
                for (int i = 0; i < commitsEach; i++) {
                    long mine = store.commit();
                    group.awaitWritten(store::write);
                    assertThat(store.onDisk.get()).as("commit %d is on disk", mine).isGreaterThanOrEqualTo(mine);
                }
                return null;
            });
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> results = new ArrayList<>();
            committers.forEach(c -> results.add(executor.submit(c)));
            go.countDown();
            for (Future<Void> result : results) {
                result.get();
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(store.onDisk.get()).isEqualTo(threads * commitsEach);
        assertThat(group.writes()).as("writes shared by concurrent commits").isLessThan(threads * commitsEach / 2);
    }

    @Test
    void aFailedWriteFailsTheCommitThatMadeItAndTheNextCommitWritesAgain() throws Exception {
        GroupCommit group = new GroupCommit();
        Store store = new Store();
        AtomicBoolean diskFull = new AtomicBoolean(true);
        store.commit();
        assertThatThrownBy(() -> group.awaitWritten(() -> {
            if (diskFull.get()) {
                throw new java.io.IOException("no space left on device");
            }
            store.write();
        })).hasMessageContaining("no space left");
        assertThat(store.onDisk.get()).isZero();

        diskFull.set(false);
        long mine = store.commit();
        group.awaitWritten(store::write);
        assertThat(store.onDisk.get()).isEqualTo(mine);
    }

    @Test
    void aLoneCommitWritesAtOnce() throws Exception {
        GroupCommit group = new GroupCommit();
        Store store = new Store();
        for (int i = 1; i <= 3; i++) {
            store.commit();
            group.awaitWritten(store::write);
            assertThat(store.onDisk.get()).isEqualTo(i);
        }
        assertThat(group.writes()).isEqualTo(3);
    }
}
