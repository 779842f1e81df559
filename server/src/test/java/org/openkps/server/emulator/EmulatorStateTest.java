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
import org.openkps.server.association.Binding;
import org.openkps.server.association.EcsServer;
import org.openkps.server.association.Operation;
import org.openkps.server.association.Phase;
import org.openkps.server.association.RunnerId;
import org.openkps.server.association.ServerInventory;
import org.openkps.server.association.Task;
import org.openkps.server.keypair.Keypair;
import org.openkps.server.keypair.KeypairScope;
import org.openkps.server.keypair.KeypairType;
import org.openkps.server.keypair.ProtectionType;
import org.openkps.server.keypair.SealedPrivateKey;
import org.openkps.server.store.JdbcBindingStore;
import org.openkps.server.store.JdbcKeypairStore;
import org.openkps.server.store.JdbcTaskStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reset and health on the real store (an embedded H2 with the server's migrations). */
class EmulatorStateTest {

    private HikariDataSource dataSource;
    private JdbcKeypairStore store;
    private JdbcTaskStore tasks;
    private JdbcBindingStore bindings;
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
                new KpsSettings.Vault(null), 1048576, Duration.ofSeconds(10), Duration.ofDays(7),
                new KpsSettings.Ecs(List.of(), Duration.ZERO, Duration.ofSeconds(5)), new KpsSettings.Admin(null), new KpsSettings.Keygen(0));
        store = new JdbcKeypairStore(jdbc, dataSource, settings);
        tasks = new JdbcTaskStore(jdbc);
        bindings = new JdbcBindingStore(jdbc);
        // Two servers of each project; host keys are kept by server only, so reset finds a project's here.
        ServerInventory servers = new ServerInventory(List.of(server("p1", "p1-s1"), server("p1", "p1-s2"),
                server("p2", "p2-s1"), server("p2", "p2-s2")));
        state = new EmulatorState(store, tasks, bindings, servers,
                new TransactionTemplate(new DataSourceTransactionManager((DataSource) dataSource)));
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
    void resetOfAProjectRemovesItsTasksBindingsAndHostKeysOnly() {
        associate("p1");
        associate("p2");

        state.reset("p1");

        assertThat(rows("association_task", "project_id = 'p1'")).as("p1's tasks, ended or not").isZero();
        assertThat(rows("server_binding", "project_id = 'p1'")).as("p1's bindings").isZero();
        assertThat(rows("server_host_key", "server_id LIKE 'p1-%'")).as("host keys of p1's servers").isZero();
        assertThat(rows("association_task", "project_id = 'p2'")).as("p2's tasks").isEqualTo(2);
        assertThat(rows("server_binding", "project_id = 'p2'")).as("p2's bindings").isEqualTo(2);
        assertThat(rows("server_host_key", "server_id LIKE 'p2-%'")).as("host keys of p2's servers").isEqualTo(2);
        assertThat(tasks.insert(task("p1", "p1-s1", "after-reset"), RunnerId.random()))
                .as("the server of p1's unfinished task takes a new one").isTrue();
    }

    @Test
    void resetOfEveryProjectRemovesEveryTaskBindingAndHostKey() {
        associate("p1");
        associate("p2");
        bindings.rememberHostKey("gone-from-the-inventory", "SHA256:old", 1);

        state.reset(null);

        for (String table : List.of("association_task", "server_binding", "server_host_key")) {
            assertThat(rows(table, "1 = 1")).as(table).isZero();
        }
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

    /** An unfinished task on the first server, a failed one on the second, both bound, both host keys known. */
    private void associate(String project) {
        assertThat(tasks.insert(task(project, project + "-s1", project + "-running"), RunnerId.random())).isTrue();
        Task failed = task(project, project + "-s2", project + "-failed");
        assertThat(tasks.insert(failed, RunnerId.random())).isTrue();
        tasks.end(failed.ended(Phase.FAILED, "KPS.0004", "failed on purpose", 2));
        for (String server : List.of(project + "-s1", project + "-s2")) {
            bindings.bind(new Binding(server, project, "plain", "ssh-ed25519 AAAA", 1));
            bindings.rememberHostKey(server, "SHA256:" + server, 1);
        }
    }

    private static Task task(String project, String server, String id) {
        return new Task(id, project, "u1", server, server, "plain", Operation.RESET, Phase.READY, null, null, 1, 1,
                null, null);
    }

    private static EcsServer server(String project, String id) {
        return new EcsServer(id, id, project, null, 22, "root", null, null);
    }

    private long rows(String table, String where) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + where).query(Long.class).single();
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
