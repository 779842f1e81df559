package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertKpsException;
import static org.openkps.server.support.KpsAnswers.okKeypair;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.CAROL;
import static org.openkps.server.support.TestCallers.PROJECT;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.client.KpsClient;
import org.openkps.client.KpsException;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.server.support.Json;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Who may create key pairs where; and what the server's log never says. */
@KpsServerTest
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationTest extends KpsApiTest {

    @TempDir
    Path dir;

    @Test
    void withoutATokenTheAnswerIs401() {
        String name = TestCallers.uniqueName("no-token");

        assertThat(assertError(api.create(null, "\"name\": " + Json.str(name)), 401, "KPS.9001"))
                .contains("X-Auth-Token");
    }

    @Test
    void withAnUnknownTokenTheClientGetsA401KpsException() {
        KpsClient stranger = KpsClient.withToken(api.http().base(), "not-a-known-token");

        KpsException refused = assertKpsException(() -> stranger.keypairs().createKeypair(PROJECT,
                new CreateKeypairRequest().keypair(new CreateKeypairAction()
                        .name(TestCallers.uniqueName("unknown-token")))), 401, "KPS.9001");

        assertThat(refused.getErrorMsg()).doesNotContain("not-a-known-token");
    }

    @Test
    void anotherProjectsTokenGets403AndCreatesNothing() {
        String name = TestCallers.uniqueName("carol-in-alices-project");

        KpsHttp.Result answer = api.http().send(api.http().request("/v3/" + PROJECT + "/keypairs")
                .header("X-Auth-Token", CAROL.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.keypair("\"name\": " + Json.str(name)))));

        assertThat(assertError(answer, 403, "KPS.9003")).contains(PROJECT).doesNotContain(CAROL.token());
        assertError(api.show(ALICE, name), 404, "KPS.4016");
    }

    @Test
    void theLogNeverShowsATokenOrAPrivateKey(CapturedOutput output) {
        Path key = KeyTools.sshKeygen(dir, "logged", "ed25519", 0, null, "logged");
        String publicKey = KeyTools.read(Path.of(key + ".pub"));
        String privateKey = KeyTools.read(key);
        String otherPrivateKey = KeyTools.read(KeyTools.sshKeygen(dir, "other", "ed25519", 0, null, "other"));
        String name = TestCallers.uniqueName("logged");
        String hostedImport = """
                "name": %s, "public_key": %s, "key_protection": {"private_key": %s, "encryption": {"type": "default"}}""";
        List<String> secrets = new ArrayList<>(List.of(privateKey, otherPrivateKey));

        secrets.add(okKeypair(api.create(ALICE, """
                "name": %s, "key_protection": {"encryption": {"type": "default"}}""".formatted(
                Json.str(name + "-created")))).path("private_key").asString());
        okKeypair(api.create(ALICE, hostedImport.formatted(
                Json.str(name), Json.str(publicKey), Json.str(privateKey))));
        okKeypair(api.exportPrivateKey(ALICE, name));
        assertError(api.create(ALICE, hostedImport.formatted(
                Json.str(name + "-mismatch"), Json.str(publicKey), Json.str(otherPrivateKey))), 400, "KPS.6011");
        assertError(api.create(ALICE, hostedImport.formatted(
                Json.str(name), Json.str(publicKey), Json.str(privateKey))), 400, "KPS.0002");
        assertError(api.create(ALICE, hostedImport.formatted(
                Json.str(name + "-type"), Json.str(publicKey), Json.str(privateKey)) + ", \"type\": \"rsa\""),
                400, "KPS.0002");
        assertError(api.http().post(ALICE, "keypairs", "{\"keypair\": {\"private_key\": " + Json.str(privateKey)),
                400, "KPS.0002");
        assertError(api.http().send(api.http().request("/v3/" + PROJECT + "/keypairs")
                .header("X-Auth-Token", ALICE.token() + "-but-wrong")), 401, "KPS.9001");
        assertError(api.http().send(api.http().request("/v3/" + CAROL.projectId() + "/keypairs")
                .header("X-Auth-Token", ALICE.token())), 403, "KPS.9003");
        String logged = "/" + name + "-logged-path";
        assertError(api.http().send(api.http().request(logged).header("X-Auth-Token", ALICE.token())),
                404, "KPS.0002");

        String log = output.getAll();
        assertThat(log).as("the capture sees the server's log").contains(logged);
        assertThat(log).as("the log shows a token").doesNotContain(ALICE.token());
        assertThat(log).as("the log shows a private key").doesNotContain("PRIVATE KEY-----");
        secrets.stream().flatMap(String::lines).filter(line -> !line.startsWith("-----") && line.length() >= 32)
                .forEach(line -> assertThat(log).as("the log shows a private key").doesNotContain(line));
    }
}
