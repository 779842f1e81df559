package org.openkps.server.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The embedded store's {@link JdbcTemplate}: a write made outside a transaction (auto-commit: an association
 * task recorded, a failed task deleted, a host key remembered) returns only once H2 wrote it to its file, as a
 * committed transaction does ({@link GroupCommitTransactionManager}); both share the same {@link GroupCommit}.
 * H2 commits in memory ({@code WRITE_DELAY} is not 0), so without this such a write would reach the file only
 * with H2's background writer, up to half a second after it was answered. Writes inside a transaction are
 * left to its commit.
 */
final class DurableJdbcTemplate extends JdbcTemplate {

    private final GroupCommit group;

    DurableJdbcTemplate(DataSource dataSource, GroupCommit group) {
        super(dataSource);
        this.group = group;
    }

    // Every update(...) with parameters, named or not, ends here, but the one with generated keys; batches
    // with a list of arguments end in batchUpdate(sql, setter).
    @Override
    protected int update(PreparedStatementCreator statement, PreparedStatementSetter setter) {
        return durably(() -> super.update(statement, setter));
    }

    @Override
    public int update(PreparedStatementCreator statement, KeyHolder generatedKeys) {
        return durably(() -> super.update(statement, generatedKeys));
    }

    @Override
    public int update(String sql) {
        return durably(() -> super.update(sql));
    }

    @Override
    public int[] batchUpdate(String... sql) {
        return durably(() -> super.batchUpdate(sql));
    }

    @Override
    public int[] batchUpdate(String sql, BatchPreparedStatementSetter setter) {
        return durably(() -> super.batchUpdate(sql, setter));
    }

    @Override
    public int[] batchUpdate(PreparedStatementCreator statement, BatchPreparedStatementSetter setter,
                             KeyHolder generatedKeys) {
        return durably(() -> super.batchUpdate(statement, setter, generatedKeys));
    }

    /**
     * Runs a write; outside a transaction it keeps its connection for the write to disk that follows, so that
     * writing never waits for a connection of the pool (those may all be held by commits waiting for it).
     */
    private <T> T durably(Supplier<T> write) {
        DataSource dataSource = obtainDataSource();
        if (TransactionSynchronizationManager.hasResource(dataSource)) {
            return write.get(); // a transaction, which its commit writes; or a write inside this method
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(connection));
        try {
            T result = write.get();
            group.awaitWritten(() -> {
                try (Statement checkpoint = connection.createStatement()) {
                    checkpoint.execute("CHECKPOINT");
                }
            });
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new TransactionSystemException("the embedded database could not write a change to disk", e);
        } finally {
            TransactionSynchronizationManager.unbindResource(dataSource);
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
