package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.assertNotFound;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.KpsApi.DEFAULT;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.BOB;
import static org.openkps.server.support.TestCallers.CAROL;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KeyTools.SshKey;
import org.openkps.server.support.KpsApi;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/**
 * Who sees what. ALICE owns a user-scoped and a domain-scoped key pair, both with hosted private keys.
 * BOB (same project, other user) sees the domain one in every operation and the user one in none.
 * CAROL (another project) may not call ALICE's project at all.
 */
@KpsServerTest
class VisibilityTest extends KpsApiTest {

    private final String prefix = TestCallers.uniqueName("visible");
    private final String userScoped = prefix + "-user";
    private final String domainScoped = prefix + "-domain";
    private String hostedKey;

    @BeforeEach
    void aliceCreatesAUserAndADomainKeypair() {
        SshKey key = KeyTools.ed25519();
        api.created(ALICE, NewKeypair.named(userScoped).imported(key, DEFAULT));
        api.created(ALICE, NewKeypair.named(domainScoped).scope("domain").imported(key, DEFAULT));
        hostedKey = key.privateKey();
    }

    /** Every operation on one key pair, as a caller makes it. */
    static Stream<Arguments> operations() {
        return Stream.of(
                operation("show", (api, c) -> api.show(c.caller(), c.name())),
                operation("update", (api, c) -> api.updateDescription(c.caller(), c.name(), "by " + c.caller().userId())),
                operation("delete", (api, c) -> api.delete(c.caller(), c.name())),
                operation("importPrivateKey", (api, c) -> api.importPrivateKey(c.caller(), c.name(), c.privateKey(), DEFAULT)),
                operation("exportPrivateKey", (api, c) -> api.exportPrivateKey(c.caller(), c.name())),
                operation("batchExportPrivateKeys", (api, c) -> api.batchExport(c.caller(), c.name())),
                operation("clearPrivateKey", (api, c) -> api.clearPrivateKey(c.caller(), c.name())));
    }

    record Call(TestCallers.Caller caller, String name, String privateKey) {
    }

    private static Arguments operation(String label, BiFunction<KpsApi, Call, Result> call) {
        return Arguments.of(label, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void bobCannotReachAlicesUserKeypair(String operation, BiFunction<KpsApi, Call, Result> call) {
        Result answer = call.apply(api, new Call(BOB, userScoped, hostedKey));

        assertNotFound(answer, userScoped);
        JsonNode untouched = api.detail(ALICE, userScoped);
        assertThat(untouched.path("description").asString()).isEmpty();
        assertThat(untouched.path("is_key_protection").asBoolean()).isTrue();
        assertThat(api.exported(ALICE, userScoped)).isEqualTo(hostedKey);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void bobReachesAlicesDomainKeypair(String operation, BiFunction<KpsApi, Call, Result> call) {
        Result answer = call.apply(api, new Call(BOB, domainScoped, hostedKey));

        assertThat(answer.status()).as(answer.body()).isBetween(200, 204);
    }

    @Test
    void bobListsAlicesDomainKeypairButNotHerUserKeypair() {
        List<String> listed = api.listAll(BOB, 1000);

        assertThat(listed).contains(domainScoped).doesNotContain(userScoped);
        assertThat(api.listAll(ALICE, 1000)).contains(domainScoped, userScoped);
    }

    @Test
    void bobCannotUseAlicesUserKeypairAsAMarker() {
        assertError(api.list(BOB, "marker=" + userScoped), 400, "KPS.0002");
        assertThat(ok(api.list(BOB, "marker=" + domainScoped)).path("keypairs").isArray()).isTrue();
    }

    @Test
    void bobSeesAlicesDomainKeypairAsAliceDoes() {
        JsonNode forBob = api.detail(BOB, domainScoped);

        assertThat(forBob).isEqualTo(api.detail(ALICE, domainScoped));
        assertThat(forBob.path("user_id").asString()).isEqualTo(ALICE.userId());
        assertThat(api.exported(BOB, domainScoped)).isEqualTo(hostedKey);
    }

    /** Every operation of ALICE's project, with CAROL's token. */
    static Stream<Arguments> requestsToAlicesProject() {
        String name = "any-name";
        String export = """
                {"keypair": {"name": "any-name"}}""";
        return Stream.of(
                Arguments.of("GET", "keypairs", null),
                Arguments.of("POST", "keypairs", """
                        {"keypair": {"name": "any-name"}}"""),
                Arguments.of("GET", "keypairs/" + name, null),
                Arguments.of("PUT", "keypairs/" + name, """
                        {"keypair": {"description": "carol was here"}}"""),
                Arguments.of("DELETE", "keypairs/" + name, null),
                Arguments.of("POST", "keypairs/batch-import", "[" + export + "]"),
                Arguments.of("POST", "keypairs/private-key/import", """
                        {"keypair": {"name": "any-name", "key_protection": {"private_key": "x",
                         "encryption": {"type": "default"}}}}"""),
                Arguments.of("POST", "keypairs/private-key/export", export),
                Arguments.of("POST", "keypairs/private-key/batch-export", "[" + export + "]"),
                Arguments.of("DELETE", "keypairs/" + name + "/private-key", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requestsToAlicesProject")
    void carolIsForbiddenInAlicesProject(String method, String path, String body) {
        HttpRequest.Builder request = api.http().request(ALICE, path)
                .setHeader("X-Auth-Token", CAROL.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }

        Result answer = api.http().send(request);

        assertError(answer, 403, "KPS.9003");
        assertThat(answer.errorMsg()).contains(ALICE.projectId());
    }

    @Test
    void carolSeesNoneOfAlicesKeypairsInHerOwnProject() {
        assertThat(api.listAll(CAROL, 1000)).doesNotContain(userScoped, domainScoped);
        assertNotFound(api.show(CAROL, domainScoped), domainScoped);
        assertNotFound(api.exportPrivateKey(CAROL, domainScoped), domainScoped);
    }
}
