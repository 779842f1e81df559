package org.openkps.server.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkps.server.KpsSettings;
import org.openkps.server.keypair.Keypair;
import org.openkps.server.keypair.KeypairScope;
import org.openkps.server.keypair.KeypairType;
import org.openkps.server.keypair.ProtectionType;
import org.openkps.server.keypair.SealedPrivateKey;
import org.openkps.server.store.JdbcKeypairStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reset and health on the real store (an embedded H2 with the server's migrations). */
class EmulatorStateTest {

    private HikariDataSource dataSource;
    private JdbcKeypairStore store;
    private JdbcClient jdbc;
    private EmulatorState state;

    @BeforeEach
    void store() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUsername("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        KpsSettings settings = new KpsSettings(Path.of("data"), List.of(), new KpsSettings.Kms(List.of()),
                new KpsSettings.Vault(null), 1048576, Duration.ofDays(7),
                new KpsSettings.Ecs(List.of(), Duration.ZERO, Duration.ofSeconds(5)), new KpsSettings.Admin(null));
        store = new JdbcKeypairStore(jdbc, settings);
        state = new EmulatorState(store, new TransactionTemplate(new DataSourceTransactionManager((DataSource) dataSource)));
    }

    @Test
    void resetOfAProjectRemovesItsKeypairsHostedKeysAndMarkersOnly() {
        fill("p1");
        fill("p2");

        state.reset("p1");

        for (String table : List.of("keypair k", "deleted_keypair_name k",
                "hosted_private_key h JOIN keypair k ON k.id = h.keypair_id")) {
            assertThat(count(table, "p1")).as(table).isZero();
            assertThat(count(table, "p2")).as(table).isEqualTo(table.startsWith("keypair") ? 2 : 1);
        }
    }

    @Test
    void resetOfEveryProjectEmptiesTheStoreButKeepsTheKeyCheckValues() {
        fill("p1");
        fill("p2");
        store.keyCheckValue("master", "c0ffee");

        state.reset(null);

        for (String table : List.of("keypair", "deleted_keypair_name", "hosted_private_key")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isZero();
        }
        assertThat(store.keyCheckValue("master", "another"))
                .as("the keys that encrypt hosted private keys stay, and so do their check values").isEqualTo("c0ffee");
    }

    @Test
    void theStoreAnswersUntilItIsGone() {
        assertThat(state.storeAnswers()).isTrue();

        dataSource.close();

        assertThat(state.storeAnswers()).isFalse();
    }

    /** Two key pairs (one hosting a private key) and the marker of a deleted third. */
    private void fill(String project) {
        Keypair hosted = store.insert(keypair(project, "hosted")).orElseThrow();
        store.host(hosted, new SealedPrivateKey(ProtectionType.DEFAULT, null, null, new byte[12], new byte[32]), 2);
        store.insert(keypair(project, "plain")).orElseThrow();
        store.delete(store.insert(keypair(project, "deleted")).orElseThrow(), 3);
    }

    private static Keypair keypair(String project, String name) {
        return new Keypair(0, project, name, KeypairType.SSH, KeypairScope.USER, "u1",
                "ssh-ed25519 AAAA", "00:11", "ED25519", "", 0, 1, 1, null);
    }

    private long count(String from, String project) {
        return jdbc.sql("SELECT COUNT(*) FROM " + from + " WHERE k.project_id = :project")
                .param("project", project).query(Long.class).single();
    }
}
