package org.openkps.server.association;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.KpsSettings;
import org.openkps.server.crypto.CryptoKeyMaterials;
import org.openkps.server.keypair.Caller;
import org.openkps.server.keypair.KeypairScope;
import org.openkps.server.keypair.KeypairService;
import org.openkps.server.keypair.KeypairType;
import org.openkps.server.keypair.KpsError;
import org.openkps.server.keypair.KpsException;
import org.openkps.server.keypair.NewKeypair;
import org.openkps.server.store.JdbcBindingStore;
import org.openkps.server.store.JdbcKeypairStore;
import org.openkps.server.store.JdbcTaskStore;
import org.openkps.server.vault.HostedKeyVault;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The association rules on the service and a real embedded store, with a recording stand-in for SSH:
 * reset or replace, which credentials log in and where, the host key trusted on first use, what a
 * failure records, what a restart does to unfinished tasks, and that no credential reaches the store.
 */
class AssociationServiceTest {

    private static final String PROJECT = "0b7a2f3c9d4e45f6a1b2c3d4e5f60718";
    private static final Caller ALICE = new Caller(PROJECT, "a11ce000000000000000000000000001", "domain", false);
    private static final String CONFIGURED = "configured-pw";

    @TempDir
    Path dataDir;

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile ServerAccessException nextFailure;
    private String file = "";

    private JdbcClient jdbc;
    private KeypairService keypairs;
    private TaskStore tasks;
    private BindingStore bindings;
    private TaskRunner runner;
    private AssociationService service;
    private TransactionTemplate transaction;

    /** One login the service asked for, and what the file became. */
    record Call(SshTarget target, LoginCredential credential, String fileAfter) {
    }

    @BeforeEach
    void start() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        KpsSettings settings = new KpsSettings(dataDir, List.of(), new KpsSettings.Kms(List.of()),
                new KpsSettings.Vault(null), 1048576, Duration.ofSeconds(10), Duration.ofDays(7),
                new KpsSettings.Ecs(List.of(), Duration.ZERO, Duration.ofSeconds(5)), new KpsSettings.Admin(null), new KpsSettings.Keygen(0));
        CryptoKeyMaterials keyMaterials = new CryptoKeyMaterials(settings);
        keypairs = new KeypairService(new JdbcKeypairStore(jdbc, dataSource, settings), keyMaterials, new HostedKeyVault(settings),
                transaction, Clock.systemUTC());
        tasks = new JdbcTaskStore(jdbc);
        bindings = new JdbcBindingStore(jdbc);
        runner = newRunner();
        ServerInventory inventory = new ServerInventory(List.of(
                new EcsServer("web", "web-01", PROJECT, "10.0.0.5", 22, "root", null, new Secret(CONFIGURED)),
                new EcsServer("pinned", "pinned", PROJECT, "10.0.0.6", 2222, "admin", "SHA256:pinned", null),
                new EcsServer("books", "books", PROJECT, null, 22, "root", null, null)));
        service = new AssociationService(inventory, keypairs, keyMaterials, tasks, bindings, runner, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws InterruptedException {
        runner.destroy();
    }

    private TaskRunner newRunner() {
        return newRunner(Duration.ofSeconds(30));
    }

    private TaskRunner newRunner(Duration lease) {
        ServerAccess recording = this::edit;
        return new TaskRunner(tasks, bindings, keypairs, recording, transaction, Clock.systemUTC(),
                new AssociationTimings(Duration.ZERO, Duration.ofSeconds(5), lease), RunnerId.random());
    }

    private synchronized String edit(SshTarget target, LoginCredential credential, UnaryOperator<String> edit) {
        if (nextFailure != null) {
            ServerAccessException failure = nextFailure;
            nextFailure = null;
            throw failure;
        }
        file = edit.apply(file);
        calls.add(new Call(target, credential, file));
        return "SHA256:shown-" + target.serverId();
    }

    @Test
    void aResetLogsInWithTheConfiguredPasswordAndTrustsTheFirstHostKey() {
        String publicKey = generate("first").publicKey();

        Task task = service.associate(ALICE, new AssociationRequest("first", "web", null, true, null));

        assertThat(task.status()).isEqualTo("READY_RESET");
        assertThat(awaitEnd(task).status()).isEqualTo("SUCCESS_RESET");
        Call call = calls.get(0);
        assertThat(call.target()).isEqualTo(new SshTarget("web", "10.0.0.5", 22, "root", null, Duration.ofSeconds(5)));
        assertThat(((LoginCredential.Password) call.credential()).password().reveal()).isEqualTo(CONFIGURED);
        assertThat(call.fileAfter()).isEqualTo(publicKey.split(" ")[0] + " " + publicKey.split(" ")[1] + " kps:first\n");
        assertThat(bindings.findHostKey("web")).contains("SHA256:shown-web");
        assertThat(bindings.find("web").orElseThrow().keypairName()).isEqualTo("first");
        assertThat(tasks.find(PROJECT, task.id()).orElseThrow().disablePassword()).isTrue();
    }

    @Test
    void theNextLoginExpectsTheRememberedHostKey_theRequestsPortAndCredentialWin() {
        generate("first");
        awaitEnd(service.associate(ALICE, new AssociationRequest("first", "web", null, null, null)));
        generate("second");
        LoginCredential given = new LoginCredential.Password(new Secret("given-pw"));

        Task replace = service.associate(ALICE, new AssociationRequest("second", "web", given, null, 2200));

        assertThat(replace.status()).isEqualTo("READY_REPLACE");
        assertThat(awaitEnd(replace).status()).isEqualTo("SUCCESS_RESET");
        Call call = calls.get(1);
        assertThat(call.target().expectedHostKey()).isEqualTo("SHA256:shown-web");
        assertThat(call.target().port()).isEqualTo(2200);
        assertThat(call.credential()).isSameAs(given);
        assertThat(call.fileAfter()).contains("kps:second").doesNotContain("kps:first");
    }

    @Test
    void aConfiguredHostKeyIsExpectedAndNeverReplacedByTheOneShown() {
        generate("pin");
        LoginCredential given = new LoginCredential.Password(new Secret("pw"));

        awaitEnd(service.associate(ALICE, new AssociationRequest("pin", "pinned", given, null, null)));

        assertThat(calls.get(0).target()).isEqualTo(new SshTarget("pinned", "10.0.0.6", 2222, "admin", "SHA256:pinned",
                Duration.ofSeconds(5)));
        assertThat(bindings.findHostKey("pinned")).isEmpty();
    }

    @Test
    void aFailureEndsTheTaskWithTheCodeOfItsReason_andBindsNothing() {
        generate("doomed");
        nextFailure = new ServerAccessException(ServerAccessException.Reason.LOGIN_REFUSED, "refused, it says");

        Task failed = awaitEnd(service.associate(ALICE, new AssociationRequest("doomed", "web", null, null, null)));

        assertThat(failed.status()).isEqualTo("FAILED_RESET");
        assertThat(failed.errorCode()).isEqualTo("KPS.6009");
        assertThat(failed.errorMsg()).isEqualTo("refused, it says");
        assertThat(bindings.find("web")).isEmpty();
        assertThat(bindings.findHostKey("web")).isEmpty();
        assertThat(service.listFailed(ALICE, 10, 0).tasks()).extracting(Task::id).containsExactly(failed.id());
    }

    @Test
    void whatTheCallerGotWrongIsRefusedBeforeAnyTaskIsStored() {
        generate("k");
        assertKps(() -> service.associate(ALICE, new AssociationRequest("k", "nowhere", null, null, null)),
                KpsError.SERVER_NOT_FOUND);
        assertKps(() -> service.associate(ALICE, new AssociationRequest("nokey", "web", null, null, null)),
                KpsError.KEYPAIR_NOT_FOUND);
        assertKps(() -> service.associate(ALICE, new AssociationRequest("k", "pinned", null, null, null)),
                KpsError.INVALID_PARAMETER);
        assertKps(() -> service.disassociate(ALICE, new DisassociationRequest("web", null, null)),
                KpsError.INVALID_PARAMETER);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM association_task").query(Long.class).single()).isZero();
    }

    @Test
    void aBookkeepingServerWithoutDelayEndsEachTaskBeforeTheAnswer() {
        generate("first");
        generate("second");

        Task reset = service.associate(ALICE, new AssociationRequest("first", "books", null, null, null));
        assertThat(tasks.find(PROJECT, reset.id()).orElseThrow().status()).isEqualTo("SUCCESS_RESET");
        assertThat(bindings.find("books").orElseThrow().keypairName()).isEqualTo("first");

        assertKps(() -> service.associate(ALICE, new AssociationRequest("second", "books", null, null, null)),
                KpsError.INVALID_PARAMETER);
        Task unbind = service.disassociate(ALICE, new DisassociationRequest("books", null, null));
        assertThat(tasks.find(PROJECT, unbind.id()).orElseThrow().status()).isEqualTo("SUCCESS_UNBIND");
        assertThat(bindings.find("books")).isEmpty();
        assertThat(calls).as("no login: the server keeps the books only").isEmpty();
    }

    @Test
    void aRestartEndsWhatWasLeftUnfinished_andFreesItsServer() throws InterruptedException {
        generate("left");
        Task left = new Task(UUID.randomUUID().toString(), PROJECT, ALICE.userId(), "books", "books", "left",
                Operation.RESET, Phase.READY, null, null, 1, 1, null, null);
        assertThat(tasks.insert(left, runner.id())).isTrue();
        assertThat(tasks.insert(new Task(UUID.randomUUID().toString(), PROJECT, ALICE.userId(), "books", "books",
                "left", Operation.RESET, Phase.READY, null, null, 1, 1, null, null), runner.id()))
                .as("one task per server").isFalse();

        runner.destroy();
        runner = newRunner();
        runner.afterSingletonsInstantiated();

        Task ended = tasks.find(PROJECT, left.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo("FAILED_RESET");
        assertThat(ended.errorCode()).isEqualTo("KPS.0004");
        assertThat(ended.errorMsg()).contains("restarted");
        assertThat(tasks.findUnfinished("books")).isEmpty();
    }

    @Test
    void aSiblingsTaskIsLeftToItWhileItIsSeen_andEndedOnceItIsNotForALease() throws InterruptedException {
        generate("sibling");
        RunnerId sibling = RunnerId.random();
        tasks.heartbeat(sibling, System.currentTimeMillis());
        Task running = new Task(UUID.randomUUID().toString(), PROJECT, ALICE.userId(), "books", "books", "sibling",
                Operation.RESET, Phase.READY, null, null, 1, 1, null, null);
        assertThat(tasks.insert(running, sibling)).isTrue();

        runner.destroy();
        runner = newRunner(Duration.ofSeconds(2));
        tasks.heartbeat(sibling, System.currentTimeMillis());
        runner.afterSingletonsInstantiated();
        assertThat(tasks.find(PROJECT, running.id()).orElseThrow().status()).as("a sibling's, seen now")
                .isEqualTo("READY_RESET");

        // The sibling is no longer seen: within a lease and a round, this runner ends its task.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (tasks.find(PROJECT, running.id()).orElseThrow().status().equals("READY_RESET")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Task ended = tasks.find(PROJECT, running.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo("FAILED_RESET");
        assertThat(ended.errorMsg()).contains("stopped");
        assertThat(tasks.findUnfinished("books")).isEmpty();
    }

    @Test
    void noCredentialReachesTheDatabase() {
        generate("secretive");
        String secret = "never-stored-" + UUID.randomUUID();

        awaitEnd(service.associate(ALICE, new AssociationRequest("secretive", "web",
                new LoginCredential.Password(new Secret(secret)), null, null)));

        List<String> everything = new ArrayList<>();
        for (String table : List.of("association_task", "server_binding", "server_host_key")) {
            everything.addAll(jdbc.sql("SELECT * FROM " + table).query((rs, row) -> {
                StringBuilder values = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.append(rs.getString(i)).append('|');
                }
                return values.toString();
            }).list());
        }
        assertThat(everything).hasSize(3).noneMatch(row -> row.contains(secret) || row.contains(CONFIGURED));
    }

    private NewKeypairResult generate(String name) {
        var created = keypairs.create(ALICE, new NewKeypair(name, KeypairType.SSH, null, KeypairScope.USER, null, null));
        return new NewKeypairResult(created.keypair().publicKey());
    }

    private record NewKeypairResult(String publicKey) {
    }

    private Task awaitEnd(Task task) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Task now = tasks.find(PROJECT, task.id()).orElseThrow();
            if (now.phase().hasEnded()) {
                return now;
            }
            assertThat(System.nanoTime()).as("task still %s", now.status()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void assertKps(Runnable call, KpsError error) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KpsException.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
