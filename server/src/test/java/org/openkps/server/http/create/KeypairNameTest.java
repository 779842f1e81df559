package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertInvalid;
import static org.openkps.server.support.KpsAnswers.okKeypair;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.CAROL;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.support.Json;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.Race;
import org.openkps.server.support.SshBlobs;
import org.openkps.server.support.TestCallers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Key pair names: their pattern, their length, and their uniqueness in a project, under contention too. */
@KpsServerTest
class KeypairNameTest extends KpsApiTest {

    private static final int RUNNERS = 8;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"has space", "dot.name", "slash/name", "ünïcödé", "semi;colon", ""})
    void namesOutsideThePatternAreRefusedNamingTheField(String name) {
        String message = assertInvalid(importEd25519(name, SshBlobs.ed25519Line()));

        assertThat(message).contains("keypair.name");
    }

    @Test
    void nameOf256CharactersIsRefusedAnd255IsAccepted() {
        String longest = TestCallers.uniqueName("n");
        longest = longest + "x".repeat(255 - longest.length());

        assertThat(assertInvalid(importEd25519(longest + "y", SshBlobs.ed25519Line()))).contains("keypair.name");
        assertThat(rowsNamed(longest + "y")).isZero();
        assertThat(okKeypair(importEd25519(longest, SshBlobs.ed25519Line())).path("name").asString()).isEqualTo(longest);
    }

    @Test
    void aTakenNameIsRefusedInItsProjectOnlyAndTheFirstKeyPairStays() {
        String name = TestCallers.uniqueName("taken");
        String first = SshBlobs.ed25519Line();
        String firstFingerprint = okKeypair(importEd25519(name, first)).path("fingerprint").asString();

        String message = assertInvalid(importEd25519(name, SshBlobs.ed25519Line()));
        assertThat(message).contains("keypair.name").contains(name).contains("already");
        assertThat(assertInvalid(api.create(ALICE, "\"name\": " + Json.str(name)))).contains("already");

        assertThat(okKeypair(api.show(ALICE, name)).path("fingerprint").asString()).isEqualTo(firstFingerprint);
        assertThat(rowsNamed(name)).isEqualTo(1);
        okKeypair(api.create(CAROL, "\"name\": " + Json.str(name)));
    }

    @Test
    void ofEightConcurrentCreatesOfOneNameExactlyOneWins() throws Exception {
        String name = TestCallers.uniqueName("race");
        Path key = KeyTools.sshKeygen(dir, "race", "ed25519", 0, null, "race");
        String members = """
                "name": %s, "public_key": %s,
                "key_protection": {"private_key": %s, "encryption": {"type": "default"}}""".formatted(
                Json.str(name), Json.str(KeyTools.read(Path.of(key + ".pub"))), Json.str(KeyTools.read(key)));

        List<KpsHttp.Result> results = Race.run(RUNNERS, () -> api.create(ALICE, members));

        List<KpsHttp.Result> won = results.stream().filter(r -> r.status() == 200).toList();
        List<KpsHttp.Result> lost = results.stream().filter(r -> r.status() != 200).toList();
        assertThat(won).as("winners").hasSize(1);
        lost.forEach(r -> assertThat(assertInvalid(r)).contains("already"));
        assertThat(rowsNamed(name)).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM hosted_private_key h JOIN keypair k ON h.keypair_id = k.id
                 WHERE k.project_id = :project AND k.name = :name""")
                .param("project", ALICE.projectId()).param("name", name).query(Long.class).single())
                .as("hosted private keys of the winner").isEqualTo(1);
        assertThat(okKeypair(api.exportPrivateKey(ALICE, name)).path("private_key").asString()).isEqualTo(KeyTools.read(key));
    }

    private KpsHttp.Result importEd25519(String name, String publicKey) {
        return api.create(ALICE, """
                "name": %s, "public_key": %s""".formatted(Json.str(name), Json.str(publicKey)));
    }

    private long rowsNamed(String name) {
        return KpsApi.rowsNamed(jdbc, ALICE.projectId(), name);
    }
}
