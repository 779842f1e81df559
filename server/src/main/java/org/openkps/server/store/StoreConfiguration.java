package org.openkps.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.openkps.server.KpsSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero set-up database: an H2 file under {@code kps.data-dir}, used unless
 * {@code spring.datasource.url} names another database (PostgreSQL in production).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class StoreConfiguration {

    // H2's ErrorCode.DATABASE_ALREADY_OPEN_1: the file is locked by another process.
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int CLOSING_COMPACT_MILLIS = 5_000;

    @Bean
    DataSource dataSource(KpsSettings settings) {
        Path file = settings.dataDir().toAbsolutePath().normalize().resolve("kps");
        HikariDataSource dataSource = new HikariDataSource();
        // WRITE_DELAY=0: a commit is on disk before the answer leaves, so kill -9 loses nothing acknowledged.
        // MAX_COMPACT_TIME: every commit writes a chunk and replaced chunks are only reused after H2's retention
        // time, so a burst of writes leaves a sparse file; a graceful stop compacts it for up to this long.
        dataSource.setJdbcUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0;MAX_COMPACT_TIME=" + CLOSING_COMPACT_MILLIS
                + ";DB_CLOSE_ON_EXIT=FALSE");
        dataSource.setUsername("sa");
        dataSource.setPassword("");
        // Opened now, so that a data directory another server holds is refused first, in one clear line.
        try (Connection connection = dataSource.getConnection()) {
            return dataSource;
        } catch (SQLException e) {
            dataSource.close();
            if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                throw new DataDirectoryInUseException(settings.dataDir().toAbsolutePath().normalize(), e);
            }
            throw new IllegalStateException("cannot open the embedded database in " + file.getParent() + ": "
                    + e.getMessage(), e);
        }
    }
}
