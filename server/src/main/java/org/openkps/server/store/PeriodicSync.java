package org.openkps.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forces the embedded database's file onto the disk at a fixed interval ({@code CHECKPOINT SYNC}: H2 writes
 * what it holds in memory, then the file is synced). H2 writes to its file without syncing it and keeps the
 * space of the chunks it replaced for its retention time, assuming the system writes its buffers to disk
 * within that time; syncing well within the (shortened) retention time makes that assumption hold, so the
 * space can be reused after seconds instead of 45 (the file no longer grows by all that a burst wrote).
 */
final class PeriodicSync implements AutoCloseable {

    /** For a database that syncs its own commits (PostgreSQL): nothing to do. */
    static final PeriodicSync NONE = new PeriodicSync(null, null);

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicSync.class);

    private final DataSource dataSource;
    private final ScheduledExecutorService timer;
    private volatile boolean failing;

    private PeriodicSync(DataSource dataSource, ScheduledExecutorService timer) {
        this.dataSource = dataSource;
        this.timer = timer;
    }

    static PeriodicSync every(Duration interval, DataSource dataSource) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "h2-sync");
            thread.setDaemon(true);
            return thread;
        });
        PeriodicSync sync = new PeriodicSync(dataSource, timer);
        timer.scheduleWithFixedDelay(sync::sync, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return sync;
    }

    private void sync() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
            if (failing) {
                failing = false;
                LOG.info("the embedded database's file is synced to disk again");
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("could not sync the embedded database's file to disk: {}", e.toString());
            }
        }
    }

    /** Stops syncing; the database's own close writes and syncs the rest. */
    @Override
    public void close() throws InterruptedException {
        if (timer == null) {
            return;
        }
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
