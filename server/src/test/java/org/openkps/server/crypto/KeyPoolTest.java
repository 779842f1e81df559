package org.openkps.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The guarantees of the pool of pre-generated keys: each key once, refilled, and none at size 0. */
class KeyPoolTest {

    /** Stands in for key generation: every key a new object, counted, and named after the thread that made it. */
    private static final class CountingGenerator {
        final AtomicInteger made = new AtomicInteger();
        final long nanosEach;

        CountingGenerator() {
            this(0);
        }

        CountingGenerator(long nanosEach) {
            this.nanosEach = nanosEach;
        }

        Key next() {
            long until = System.nanoTime() + nanosEach;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return new Key(made.incrementAndGet(), Thread.currentThread().getName());
        }
    }

    private record Key(int serial, String madeBy) {
    }

    @Test
    void fillsUpToItsSizeInTheBackgroundOnceStarted() {
        CountingGenerator generator = new CountingGenerator();
        try (KeyPool<Key> pool = new KeyPool<>(generator::next, 8)) {
            assertThat(pool.available()).isZero();
            pool.start(Duration.ZERO);
            awaitAvailable(pool, 8);
            assertThat(generator.made.get()).isEqualTo(8);
            assertThat(pool.take().madeBy()).isEqualTo("kps-keygen");
        }
    }

    @Test
    void startedWithADelayMakesNoKeyBeforeItPasses() {
        CountingGenerator generator = new CountingGenerator();
        try (KeyPool<Key> pool = new KeyPool<>(generator::next, 4)) {
            long started = System.nanoTime();
            pool.start(Duration.ofMillis(400));
            awaitAvailable(pool, 4);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void refillsWhatWasTaken() {
        CountingGenerator generator = new CountingGenerator();
        try (KeyPool<Key> pool = new KeyPool<>(generator::next, 4)) {
            pool.start(Duration.ZERO);
            awaitAvailable(pool, 4);
            for (int i = 0; i < 4; i++) {
                pool.take();
            }
            awaitAvailable(pool, 4);
            assertThat(generator.made.get()).isEqualTo(8);
        }
    }

    @Test
    void handsOutEveryKeyOnceAcrossThreads() throws Exception {
        CountingGenerator generator = new CountingGenerator(Duration.ofMillis(1).toNanos());
        int threads = 8;
        int takesEach = 200;
        try (KeyPool<Key> pool = new KeyPool<>(generator::next, 16)) {
            pool.start(Duration.ZERO);
            awaitAvailable(pool, 16);
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<List<Key>>> takers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                takers.add(() -> {
                    go.await();
                    List<Key> taken = new ArrayList<>();
                    for (int i = 0; i < takesEach; i++) {
                        taken.add(pool.take());
                    }
                    return taken;
                });
            }
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<Key>>> results = new ArrayList<>();
                takers.forEach(taker -> results.add(executor.submit(taker)));
                go.countDown();
                Set<Key> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                List<Integer> serials = new ArrayList<>();
                for (Future<List<Key>> result : results) {
                    for (Key key : result.get()) {
                        assertThat(seen.add(key)).as("key %s handed out twice", key).isTrue();
                        serials.add(key.serial());
                    }
                }
                assertThat(serials).hasSize(threads * takesEach).doesNotHaveDuplicates();
                // Callers did not wait for the refiller: an empty pool made them generate their own keys.
                assertThat(seen).anyMatch(key -> key.madeBy().startsWith("pool-"));
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void sizeZeroHoldsNothingAndGeneratesOnTheCallersThread() throws Exception {
        CountingGenerator generator = new CountingGenerator();
        try (KeyPool<Key> pool = new KeyPool<>(generator::next, 0)) {
            pool.start(Duration.ZERO);
            Key key = pool.take();
            assertThat(key.madeBy()).isEqualTo(Thread.currentThread().getName());
            Thread.sleep(100);
            assertThat(pool.available()).isZero();
            assertThat(generator.made.get()).isEqualTo(1);
        }
    }

    @Test
    void beforeItStartsEveryKeyIsMadeWhenAskedFor() throws Exception {
        CountingGenerator generator = new CountingGenerator();
        try (KeyPool<Key> pool = new KeyPool<>(generator::next, 4)) {
            assertThat(pool.take().madeBy()).isEqualTo(Thread.currentThread().getName());
            Thread.sleep(100);
            assertThat(generator.made.get()).isEqualTo(1);
        }
    }

    @Test
    void closedPoolKeepsNoKeys() {
        CountingGenerator generator = new CountingGenerator();
        KeyPool<Key> pool = new KeyPool<>(generator::next, 4);
        pool.start(Duration.ZERO);
        awaitAvailable(pool, 4);
        pool.close();
        assertThat(pool.available()).isZero();
        assertThat(pool.take().madeBy()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() -> new KeyPool<>(Object::new, -1))
                .hasMessageContaining("kps.keygen.pool-size");
    }

    @Test
    void realRsaKeysFromThePoolAreDistinct() {
        SshKeyGenerator generator = new SshKeyGenerator();
        try (KeyPool<GeneratedKeyPair> pool = new KeyPool<>(generator::generateRsa2048, 2)) {
            pool.start(Duration.ZERO);
            awaitAvailable(pool, 2);
            GeneratedKeyPair first = pool.take();
            GeneratedKeyPair second = pool.take();
            assertThat(first.privateKeyPem()).isNotEqualTo(second.privateKeyPem());
            assertThat(first.publicKey()).isNotEqualTo(second.publicKey());
        }
    }

    private static void awaitAvailable(KeyPool<?> pool, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (pool.available() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the pool holds " + pool.available() + " keys, not " + count);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
