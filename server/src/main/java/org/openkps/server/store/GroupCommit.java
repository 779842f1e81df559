package org.openkps.server.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits that happen at about the same time share one write to disk, and none returns before a write
 * that started after it has finished. The first committer to arrive writes (the leader); those that
 * commit while it writes wait, and the next of them writes everything committed until then, once.
 */
final class GroupCommit {

    /** Writes everything committed so far to disk. */
    @FunctionalInterface
    interface Write {
        void run() throws Exception;
    }

    private final AtomicLong committed = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writeEnded = lock.newCondition();
    private long written; // the highest commit on disk; guarded by lock
    private boolean writing; // guarded by lock
    private final AtomicLong writes = new AtomicLong();

    /** Call after a commit: returns once that commit is on disk, or throws if writing it failed. */
    void awaitWritten(Write write) throws Exception {
        long mine = committed.incrementAndGet();
        lock.lock();
        try {
            while (written < mine) {
                if (writing) {
                    writeEnded.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                long upTo = committed.get(); // every commit counted so far happened before this write starts
                boolean done = false;
                lock.unlock();
                try {
                    write.run();
                    writes.incrementAndGet();
                    done = true;
                } finally {
                    lock.lock();
                    writing = false;
                    if (done) {
                        written = Math.max(written, upTo);
                    }
                    writeEnded.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many writes were made: fewer than commits when commits shared them. */
    long writes() {
        return writes.get();
    }
}
