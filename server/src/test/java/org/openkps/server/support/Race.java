package org.openkps.server.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one call on several threads at the same moment. */
public final class Race {

    private Race() {
    }

    /** Starts {@code runners} threads, releases them together through one latch, and returns what each got. */
    public static <T> List<T> run(int runners, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        try {
            CountDownLatch ready = new CountDownLatch(runners);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < runners; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
