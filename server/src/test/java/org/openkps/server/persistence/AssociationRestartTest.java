package org.openkps.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.AssociationApi.accepted;
import static org.openkps.server.support.AssociationApi.password;
import static org.openkps.server.support.AssociationApi.privateKey;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.TestCallers.ALICE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.support.AssociationApi;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.SpecConformanceExtension;
import org.openkps.server.support.TestCallers;
import org.openkps.server.support.TestSshServer;

import tools.jackson.databind.JsonNode;

/**
 * Association tasks across a kill -9: what had ended stays as it ended and is not done again, what had
 * not ended ends FAILED with a reason and frees its server; the bindings survive. And the passwords and
 * private keys given in {@code auth} are found neither in the database files nor in the server's log.
 */
@ExtendWith(SpecConformanceExtension.class)
class AssociationRestartTest {

    private static final String PASSWORD = "restart-pw-" + UUID.randomUUID();

    @TempDir
    Path dir;

    @Test
    void finishedTasksStay_unfinishedOnesEndFailed_andNoSecretIsWrittenAnywhere() throws IOException {
        Path data = dir.resolve("data");
        try (TestSshServer ssh = TestSshServer.start(dir.resolve("home"), PASSWORD)) {
            String[] inventory = {
                    "--kps.ecs.task-delay=60s",
                    "--kps.ecs.servers[0].id=ssh-restart",
                    "--kps.ecs.servers[0].project-id=" + ALICE.projectId(),
                    "--kps.ecs.servers[0].host=127.0.0.1",
                    "--kps.ecs.servers[0].port=" + ssh.port(),
                    "--kps.ecs.servers[1].id=book-restart",
                    "--kps.ecs.servers[1].project-id=" + ALICE.projectId()};
            String firstKey;
            String done;
            String pending;
            int loginsBeforeKill;
            try (ServerProcess first = ServerProcess.start(data, dir.resolve("first.log"), inventory)) {
                AssociationApi tasks = tasks(first);
                JsonNode created = first.api().generate(ALICE, TestCallers.uniqueName("restart"));
                firstKey = created.path("private_key").asString();
                done = accepted(tasks.associate(ALICE, created.path("name").asString(), "ssh-restart", password(PASSWORD)));
                assertThat(tasks.awaitEnd(ALICE, done)).isEqualTo("SUCCESS_RESET");
                assertThat(ssh.acceptsLogin(firstKey)).isTrue();

                String waiting = first.api().generate(ALICE, TestCallers.uniqueName("waiting")).path("name").asString();
                pending = accepted(tasks.associate(ALICE, waiting, "book-restart", ""));
                assertThat(ok(tasks.task(ALICE, pending)).path("task_status").asString()).isEqualTo("READY_RESET");
                loginsBeforeKill = ssh.acceptedLogins();
                first.kill();
            }

            try (ServerProcess second = ServerProcess.start(data, dir.resolve("second.log"), inventory)) {
                AssociationApi tasks = tasks(second);
                assertThat(ok(tasks.task(ALICE, done)).path("task_status").asString()).isEqualTo("SUCCESS_RESET");
                assertThat(ok(tasks.task(ALICE, pending)).path("task_status").asString()).isEqualTo("FAILED_RESET");
                JsonNode failed = tasks.failedEntry(ALICE, pending);
                assertThat(failed.path("task_error_code").asString()).isEqualTo("KPS.0004");
                assertThat(failed.path("task_error_msg").asString()).contains("restarted");
                assertThat(AssociationApi.taskIds(ok(tasks.running(ALICE, "")))).isEmpty();
                assertThat(ssh.acceptedLogins()).as("the finished task was not done again").isEqualTo(loginsBeforeKill);

                // The binding survived: the next association is a replace, which needs the old key.
                JsonNode next = second.api().generate(ALICE, TestCallers.uniqueName("after"));
                assertInvalid(tasks.associate(ALICE, next.path("name").asString(), "ssh-restart", ""));
                String replace = accepted(tasks.associate(ALICE, next.path("name").asString(), "ssh-restart",
                        privateKey(firstKey)));
                assertThat(tasks.awaitEnd(ALICE, replace)).isEqualTo("SUCCESS_RESET");
                assertThat(ssh.acceptsLogin(next.path("private_key").asString())).isTrue();
                // The server the unfinished task held is free again.
                accepted(tasks.associate(ALICE, next.path("name").asString(), "book-restart", ""));
                second.stop();
            }

            List<Path> written = filesUnder(data);
            written.add(dir.resolve("first.log"));
            written.add(dir.resolve("second.log"));
            // The database file's pages are compressed (decision 132), so its content is searched as H2 writes it out.
            String everything = readAll(written) + storedRows(data.resolve("kps"));
            // The search sees what is stored: the server id and the public key's blob are there.
            assertThat(everything).contains("ssh-restart").contains("book-restart");
            assertThat(everything).as("the password given in auth").doesNotContain(PASSWORD);
            String keyBody = firstKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            for (int i = 0; i + 24 <= keyBody.length(); i += 24) {
                assertThat(everything).as("a piece of the private key given in auth").doesNotContain(keyBody.substring(i, i + 24));
            }
        }
    }

    private static AssociationApi tasks(ServerProcess server) {
        return new AssociationApi(KpsHttp.checkingResponses(server.port()));
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).toList());
        }
    }

    /** Every row of the embedded database (stopped), as the SQL script that would recreate it. */
    private static String storedRows(Path database) {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + database + ";ACCESS_MODE_DATA=r",
                "sa", "");
             Statement statement = connection.createStatement();
             ResultSet script = statement.executeQuery("SCRIPT")) {
            while (script.next()) {
                rows.append(script.getString(1)).append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stopped server's database", e);
        }
        return rows.toString();
    }

    /** Every file as ISO-8859-1, so that any bytes, text or not, can be searched for ASCII. */
    private static String readAll(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return all.toString();
    }
}
