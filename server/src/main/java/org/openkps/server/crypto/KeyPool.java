package org.openkps.server.crypto;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys generated ahead of demand, so that a create does not wait the tens of milliseconds an RSA key
 * takes. The keys live in memory only; {@link #take()} removes the key it hands out, so no key is ever
 * handed out twice, whichever threads ask. One background thread refills the pool once no key has been
 * taken for {@link #QUIET_MILLIS}, so that it does not take the CPU from the requests of a burst; when the
 * pool is empty the caller generates its own key rather than wait, so under sustained load every core
 * generates keys.
 */
final class KeyPool<K> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyPool.class);
    static final long QUIET_MILLIS = 100;
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);

    private final Supplier<K> generator;
    private final int size;
    private final BlockingQueue<K> keys;
    private final AtomicBoolean refilling = new AtomicBoolean();
    private volatile boolean started;
    private volatile long fillNotBefore;
    private volatile boolean closed;
    private volatile long lastTake = System.nanoTime() - QUIET_NANOS;

    /** @param size the keys to hold; 0 holds none, and every {@link #take()} generates */
    KeyPool(Supplier<K> generator, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("kps.keygen.pool-size must be 0 or more, got " + size);
        }
        this.generator = generator;
        this.size = size;
        this.keys = new ArrayBlockingQueue<>(Math.max(size, 1));
    }

    /**
     * Starts filling the pool in the background once {@code delay} has passed; before this, {@link #take()}
     * generates every key.
     */
    void start(Duration delay) {
        fillNotBefore = System.nanoTime() + delay.toNanos();
        started = true;
        refill();
    }

    /** A key no one else has had or will have: a pooled one if there is one, else one made now. */
    K take() {
        lastTake = System.nanoTime();
        K key = keys.poll();
        refill();
        return key != null ? key : generator.get();
    }

    /** How many keys are waiting. */
    int available() {
        return keys.size();
    }

    @Override
    public void close() {
        closed = true;
        keys.clear();
    }

    private void refill() {
        if (started && !closed && size > 0 && keys.size() < size && refilling.compareAndSet(false, true)) {
            Thread refiller = new Thread(this::fill, "kps-keygen");
            refiller.setDaemon(true);
            refiller.setPriority(Thread.MIN_PRIORITY);
            refiller.start();
        }
    }

    private void fill() {
        try {
            while (!closed && keys.size() < size) {
                long now = System.nanoTime();
                long wait = Math.max(QUIET_NANOS - (now - lastTake), fillNotBefore - now);
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else if (!keys.offer(generator.get())) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            // Creates still work (they generate their own key); the next take tries again.
            log.warn("Could not generate a key for the key pool: {}", e.toString());
            return;
        } finally {
            refilling.set(false);
        }
        if (closed) {
            keys.clear();
        } else if (keys.size() < size) {
            refill();
        }
    }
}
