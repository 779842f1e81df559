package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.support.AdminApi;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.SpecConformanceExtension;

/**
 * GET /_openkps/health of a server in its own process on PostgreSQL: UP while the database answers,
 * DOWN (503) within seconds once it is gone, and the server itself still answering.
 */
@ExtendWith(SpecConformanceExtension.class)
class HealthTest {

    @TempDir
    static Path dir;
    private static EmbeddedPostgres postgres;
    private static ServerProcess server;

    @BeforeAll
    static void startPostgresAndServer() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .start();
        server = ServerProcess.start(dir.resolve("data"), dir.resolve("server.log"),
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres");
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void healthIsUpWhileTheStoreAnswersAndDownOnceItIsGone() throws IOException {
        AdminApi admin = new AdminApi(server.api().http(), AdminApi.LOCAL_TOKEN);
        Result up = admin.health();
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().path("status").asString()).isEqualTo("UP");

        postgres.close();
        postgres = null;

        long started = System.nanoTime();
        Result down = admin.health();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(down.json().path("status").asString()).isEqualTo("DOWN");
        assertThat(down.json().path("detail").asString()).isEqualTo("the store does not answer");
        assertThat(tookMillis).as("a health check answers promptly").isLessThan(10_000);
    }
}
