package org.openkps.server.store;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The embedded store's transactions: H2 commits in memory ({@code WRITE_DELAY} is not 0), and a commit
 * returns, so the request is answered, only after H2 wrote it to its file ({@code CHECKPOINT}). Concurrent
 * commits share one such write ({@link GroupCommit}), so H2 writes one chunk for many key pairs instead of
 * one each: an acknowledged write survives {@code kill -9} as before, with less to write.
 */
final class GroupCommitTransactionManager extends JdbcTransactionManager {

    private final transient GroupCommit group;

    GroupCommitTransactionManager(DataSource dataSource, GroupCommit group) {
        super(dataSource);
        this.group = group;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        super.doCommit(status);
        Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction()).getConnectionHolder()
                .getConnection();
        try {
            group.awaitWritten(() -> {
                try (Statement checkpoint = connection.createStatement()) {
                    checkpoint.execute("CHECKPOINT");
                }
            });
        } catch (Exception e) {
            throw new TransactionSystemException("the embedded database could not write a commit to disk", e);
        }
    }

    long writes() {
        return group.writes();
    }
}
