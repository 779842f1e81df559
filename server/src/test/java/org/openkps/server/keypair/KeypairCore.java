package org.openkps.server.keypair;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.openkps.server.KpsSettings;
import org.openkps.server.crypto.CryptoKeyMaterials;
import org.openkps.server.store.JdbcKeypairStore;
import org.openkps.server.vault.HostedKeyVault;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key-pair core wired to its real adapters, without HTTP or Spring's context: an embedded database
 * migrated as the server migrates it, the vault with a key ring under a temporary data dir, real crypto,
 * and a clock the test moves.
 */
final class KeypairCore {

    static final String KMS_KEY_ID = "3d5f8e2a-6b1c-4a9d-8e7f-0a1b2c3d4e5f";
    static final String KMS_KEY_NAME = "kps/default";
    static final Duration MARKER_RETENTION = Duration.ofDays(7);

    final KeypairService service;
    final JdbcClient jdbc;
    final DataSource dataSource;
    final KeypairStore store;
    final HostedKeyVault vault;
    final MasterKeyRotation rotation;
    final KeyCheck keyCheck;
    final MovableClock clock = new MovableClock();

    private KeypairCore(DataSource dataSource, Path dataDir, KpsSettings.Vault vaultSettings) {
        this.dataSource = dataSource;
        jdbc = JdbcClient.create(dataSource);
        KpsSettings settings = new KpsSettings(dataDir, List.of(),
                new KpsSettings.Kms(List.of(new KpsSettings.KmsKey(KMS_KEY_ID, KMS_KEY_NAME, null))),
                vaultSettings, 1048576, Duration.ofSeconds(10), MARKER_RETENTION,
                new KpsSettings.Ecs(List.of(), Duration.ofSeconds(1), Duration.ofSeconds(30)),
                new KpsSettings.Admin(null), new KpsSettings.Keygen(0));
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        store = new JdbcKeypairStore(jdbc, dataSource, settings);
        vault = new HostedKeyVault(settings);
        service = new KeypairService(store, new CryptoKeyMaterials(settings), vault, transaction, clock);
        rotation = new MasterKeyRotation(store, vault, transaction);
        keyCheck = new KeyCheck(vault, store);
    }

    static KeypairCore embedded(Path dataDir) {
        return new KeypairCore(newDatabase(), dataDir, new KpsSettings.Vault(null));
    }

    /** A fresh embedded database, migrated. */
    static DataSource newDatabase() {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    /** Another server on the same database, with these vault settings (and the key-ring key under {@code dataDir}). */
    static KeypairCore on(DataSource dataSource, Path dataDir, KpsSettings.Vault vault) {
        return new KeypairCore(dataSource, dataDir, vault);
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {

        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(long byMillis) {
            millis.addAndGet(byMillis);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
