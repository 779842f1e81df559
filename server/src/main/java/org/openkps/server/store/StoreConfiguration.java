package org.openkps.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.openkps.server.KpsSettings;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * The database: the zero set-up one, an H2 file under {@code kps.data-dir}, unless {@code spring.datasource.url}
 * names another (PostgreSQL in production). Chosen when the server starts, in these bean methods, not by a
 * condition on the configuration: the launcher runs the server with its bean definitions processed ahead of time
 * (Spring AOT), which fixes conditions at build time, and it must still switch to PostgreSQL when told to.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    // H2's ErrorCode.DATABASE_ALREADY_OPEN_1: the file is locked by another process.
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int CLOSING_COMPACT_MILLIS = 5_000;
    private static final int BACKGROUND_WRITE_MILLIS = 500;
    // Space of replaced chunks is reused after this long (H2's default: 45 s); the file is synced 4 times as often.
    private static final int RETENTION_MILLIS = 2_000;
    private static final Duration SYNC_INTERVAL = Duration.ofMillis(RETENTION_MILLIS / 4);
    // Every request thread may hold a session: commits waiting for a group's write hold theirs, and with the
    // pool's 10 the others queued for one and the groups stayed small (H2 sessions in one JVM cost little).
    private static final int CONNECTIONS = 64;

    @Bean
    StoreKind storeKind(DataSourceProperties properties) {
        return StringUtils.hasText(properties.getUrl()) ? StoreKind.EXTERNAL : StoreKind.EMBEDDED;
    }

    @Bean
    DataSource dataSource(StoreKind kind, KpsSettings settings, DataSourceProperties properties,
            Environment environment) {
        return kind == StoreKind.EMBEDDED ? embeddedDataSource(settings) : externalDataSource(properties, environment);
    }

    /** As Spring Boot makes it: a Hikari pool from spring.datasource.*, tuned by spring.datasource.hikari.*. */
    private static DataSource externalDataSource(DataSourceProperties properties, Environment environment) {
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(dataSource));
        return dataSource;
    }

    private static DataSource embeddedDataSource(KpsSettings settings) {
        Path file = settings.dataDir().toAbsolutePath().normalize().resolve("kps");
        HikariDataSource dataSource = new HikariDataSource();
        // WRITE_DELAY: H2 commits in memory and writes in the background (keeping its file tidy as it goes);
        // a transaction is on disk before the answer leaves all the same: GroupCommitTransactionManager.
        // RETENTION_TIME: see PeriodicSync. MAX_COMPACT_TIME: a graceful stop compacts the file for up to this long.
        dataSource.setJdbcUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=" + BACKGROUND_WRITE_MILLIS
                + ";RETENTION_TIME=" + RETENTION_MILLIS + ";MAX_COMPACT_TIME=" + CLOSING_COMPACT_MILLIS
                // COMPRESS: LZF-compressed pages: the file while running a third to a tenth as large (decision 132).
                // AUTO_COMPACT_FILL_RATE: only chunks under half full are rewritten in the background; at 90 (H2's
                // default) the rewrite right after opening a large store held up the start by half a second (138).
                + ";COMPRESS=TRUE;AUTO_COMPACT_FILL_RATE=50;DB_CLOSE_ON_EXIT=FALSE");
        dataSource.setMaximumPoolSize(CONNECTIONS);
        // By name, not looked up in the JVM-wide DriverManager, which knows only the drivers of the class loaders
        // it met first: a server embedded in another JVM (the test kit's) finds its own driver too.
        dataSource.setDriverClassName("org.h2.Driver");
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

    /** The file synced to disk well within the retention time, so H2 may reuse replaced chunks that soon. */
    @Bean(destroyMethod = "close")
    PeriodicSync periodicSync(StoreKind kind, DataSource dataSource) {
        return kind == StoreKind.EMBEDDED ? PeriodicSync.every(SYNC_INTERVAL, dataSource) : PeriodicSync.NONE;
    }

    /** Writes to the file that commits, and writes outside transactions, share (see {@link GroupCommit}). */
    @Bean
    GroupCommit groupCommit() {
        return new GroupCommit();
    }

    /**
     * Every transaction on the embedded store is written to disk before it counts as committed; another database
     * does that itself on commit.
     */
    @Bean
    PlatformTransactionManager transactionManager(StoreKind kind, DataSource dataSource, GroupCommit groupCommit) {
        return kind == StoreKind.EMBEDDED ? new GroupCommitTransactionManager(dataSource, groupCommit)
                : new JdbcTransactionManager(dataSource);
    }

    /**
     * The stores' transactions are demarcated with this template, not with {@code @Transactional}: Spring Boot's
     * transaction auto-configuration, which would look for that annotation on every bean at start-up, is left out
     * (api/DECISIONS.md, decision 139).
     */
    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    /** And every write made outside a transaction before it returns (the JdbcClient of the stores uses it). */
    @Bean
    JdbcTemplate jdbcTemplate(StoreKind kind, DataSource dataSource, GroupCommit groupCommit) {
        return kind == StoreKind.EMBEDDED ? new DurableJdbcTemplate(dataSource, groupCommit)
                : new JdbcTemplate(dataSource);
    }

    /** The schema as migrated is on disk before the server starts, so a kill that soon does not leave half of it. */
    @Bean
    FlywayMigrationStrategy migrateThenWrite(StoreKind kind, DataSource dataSource) {
        return flyway -> {
            flyway.migrate();
            if (kind != StoreKind.EMBEDDED) {
                return;
            }
            try (Connection connection = dataSource.getConnection();
                 Statement checkpoint = connection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            } catch (SQLException e) {
                throw new IllegalStateException("the embedded database could not write its schema to disk", e);
            }
        };
    }
}
