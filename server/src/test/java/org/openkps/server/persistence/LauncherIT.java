package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.SpecConformanceExtension;
import org.openkps.server.support.TestCallers;

/**
 * bin/openkps as {@code ./mvnw package} leaves it. It runs the server processed ahead of time (Spring AOT),
 * which fixes bean conditions when the server is built; the store must still be chosen when it starts: the
 * embedded file by default, PostgreSQL when {@code spring.datasource.url} names it.
 */
@ExtendWith(SpecConformanceExtension.class)
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "openkps").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @BeforeAll
    static void launcherBuilt() {
        boolean built = Files.isRegularFile(Path.of("target", "openkps", "launch.conf"));
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(built, "the launcher was not built (-Dopenkps.launcher.skip)");
        }
        assertThat(built).as("target/openkps/launch.conf, made by ./mvnw package").isTrue();
    }

    @Test
    void keepsItsStateInTheEmbeddedFileByDefault() throws IOException {
        Path data = dir.resolve("data");
        String name = TestCallers.uniqueName("launched");
        try (ServerProcess server = ServerProcess.startWithLauncher(LAUNCHER, data, dir.resolve("server.log"))) {
            assertThat(server.api().create(TestCallers.ALICE, KpsApi.NewKeypair.named(name)).status()).isEqualTo(200);
            assertThat(server.stop()).isZero();
        }
        assertThat(Files.readString(dir.resolve("server.log"))).contains("Starting AOT-processed");
        assertThat(data.resolve("kps.mv.db")).isRegularFile();
        try (ServerProcess again = ServerProcess.startWithLauncher(LAUNCHER, data, dir.resolve("again.log"))) {
            assertThat(again.api().show(TestCallers.ALICE, name).status()).isEqualTo(200);
        }
    }

    @Test
    void usesPostgresqlWhenTheDatasourceNamesIt() throws IOException {
        String name = TestCallers.uniqueName("launched");
        // Servers on one database share their keys (README, "Run several instances").
        String[] keys = {"--kps.vault.master-key=" + PostgresFleet.randomKey(),
                "--kps.kms.keys[0].secret=" + PostgresFleet.randomKey()};
        try (PostgresFleet fleet = new PostgresFleet(dir.resolve("fleet"))) {
            Path data = dir.resolve("launched");
            try (ServerProcess launched = ServerProcess.startWithLauncher(LAUNCHER, data, dir.resolve("launched.log"),
                    fleet.arguments(keys))) {
                assertThat(launched.api().create(TestCallers.ALICE, KpsApi.NewKeypair.named(name)).status()).isEqualTo(200);
            }
            assertThat(Files.readString(dir.resolve("launched.log"))).contains("Starting AOT-processed");
            assertThat(data.resolve("kps.mv.db")).doesNotExist();
            // A server started the plain way on the same database finds what the launched one created.
            try (ServerProcess plain = fleet.server("plain", keys)) {
                assertThat(plain.api().show(TestCallers.ALICE, name).status()).isEqualTo(200);
            }
        }
    }
}
