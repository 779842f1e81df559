package org.openkps.server.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.TestCallers.ALICE;
import static org.openkps.server.support.TestCallers.CAROL;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openkps.server.support.AdminApi;
import org.openkps.server.support.AssociationApi;
import org.openkps.server.support.KpsApi.NewKeypair;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Fault rules as a caller of KPS meets them: each field of a rule does what admin.yaml says, and a
 * faulted request changes nothing. Every answer here, injected or not, is checked against kps.yaml.
 */
@KpsServerTest
class FaultInjectionTest extends KpsApiTest {

    private static final String UNAVAILABLE = """
            "status": 503, "error_code": "KPS.0003", "error_msg": "KPS is unavailable for a while\"""";

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clearFaults() {
        assertThat(admin().clearFaults().status()).isEqualTo(204);
    }

    @Test
    void aStatusRuleAnswersItsErrorBodyAndTheFaultedCreateStoresNothing() {
        admin().setFaults("""
                {"operation": "createKeypair", %s, "retry_after": 7}""".formatted(UNAVAILABLE));
        String name = TestCallers.uniqueName("fault-create");

        Result faulted = api.create(ALICE, NewKeypair.named(name));

        String message = assertError(faulted, 503, "KPS.0003");
        assertThat(message).isEqualTo("KPS is unavailable for a while");
        assertThat(faulted.header("Retry-After")).isEqualTo("7");
        api.assertNameFree(jdbc, ALICE, name);
    }

    @Test
    void aFaultedDeleteDeletesNothing() {
        String name = TestCallers.uniqueName("fault-delete");
        api.generate(ALICE, name);
        admin().setFaults("""
                {"operation": "deleteKeypair", "status": 500, "error_code": "KPS.0004", "error_msg": "injected"}""");

        assertError(api.delete(ALICE, name), 500, "KPS.0004");

        admin().clearFaults();
        assertThat(api.detail(ALICE, name).path("name").asString()).isEqualTo(name);
    }

    /** Association is KPS too: a faulted associate makes no task, binds nothing and leaves the server free. */
    @Test
    void aFaultedAssociateMakesNoTask() {
        AssociationApi tasks = new AssociationApi(api.http());
        String name = TestCallers.uniqueName("fault-associate");
        api.generate(ALICE, name);
        admin().setFaults("""
                {"operation": "associateKeypair", "status": 429, "error_code": "KPS.0003", "error_msg": "slow down",
                 "retry_after": 1}""");

        assertError(tasks.associate(ALICE, name, "book-wired", ""), 429, "KPS.0003");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM association_task WHERE keypair_name = :name").param("name", name)
                .query(Long.class).single()).isZero();

        admin().clearFaults();
        assertThat(tasks.awaitEnd(ALICE, AssociationApi.accepted(tasks.associate(ALICE, name, "book-wired", ""))))
                .isEqualTo("SUCCESS_RESET");
    }

    @Test
    void aRuleAppliesToItsOperationOnly() {
        admin().setFaults("""
                {"operation": "showKeypair", %s}""".formatted(UNAVAILABLE));
        String name = TestCallers.uniqueName("fault-only-show");

        api.generate(ALICE, name);

        assertError(api.show(ALICE, name), 503, "KPS.0003");
        ok(api.list(ALICE, "limit=1"));
    }

    @Test
    void theStarAppliesToEveryOperation() {
        admin().setFaults("""
                {"operation": "*", "status": 429, "error_code": "KPS.0003", "error_msg": "slow down"}""");

        assertError(api.list(ALICE, ""), 429, "KPS.0003");
        assertError(api.show(ALICE, "anything"), 429, "KPS.0003");
        assertError(api.create(ALICE, NewKeypair.named(TestCallers.uniqueName("fault-star"))), 429, "KPS.0003");
        assertError(api.batchExport(ALICE, "anything"), 429, "KPS.0003");
    }

    @Test
    void aRuleWithAProjectAppliesToThatProjectsCallersOnly() {
        admin().setFaults("""
                {"operation": "listKeypairs", "project_id": "%s", %s}""".formatted(CAROL.projectId(), UNAVAILABLE));

        assertError(api.list(CAROL, ""), 503, "KPS.0003");
        ok(api.list(ALICE, ""));
    }

    @Test
    void aDelayAloneSlowsTheOperationDownAndItIsStillPerformed() {
        admin().setFaults("""
                {"operation": "createKeypair", "delay_ms": 700}""");
        String name = TestCallers.uniqueName("fault-slow");

        long started = System.nanoTime();
        JsonNode created = api.created(ALICE, NewKeypair.named(name));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMillis).isGreaterThanOrEqualTo(700);
        assertThat(created.path("name").asString()).isEqualTo(name);
        assertThat(api.detail(ALICE, name).path("name").asString()).isEqualTo(name);
    }

    @Test
    void aDelayWithAStatusWaitsThenAnswersTheError() {
        admin().setFaults("""
                {"operation": "listKeypairs", "delay_ms": 500, %s}""".formatted(UNAVAILABLE));

        long started = System.nanoTime();
        Result faulted = api.list(ALICE, "");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertError(faulted, 503, "KPS.0003");
        assertThat(tookMillis).isGreaterThanOrEqualTo(500);
    }

    @Test
    void delaysOfSeveralRulesAddUpAndTheFirstErrorWins() {
        admin().setFaults("""
                {"operation": "*", "delay_ms": 300}""", """
                {"operation": "listKeypairs", "delay_ms": 300, "status": 500, "error_code": "KPS.0004", "error_msg": "first"}""", """
                {"operation": "listKeypairs", "status": 503, "error_code": "KPS.0003", "error_msg": "second"}""");

        long started = System.nanoTime();
        Result faulted = api.list(ALICE, "");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(assertError(faulted, 500, "KPS.0004")).isEqualTo("first");
        assertThat(tookMillis).isGreaterThanOrEqualTo(600);
        JsonNode rules = ok(admin().faults()).path("rules");
        assertThat(rules.get(0).path("applied").asLong()).isEqualTo(1);
        assertThat(rules.get(1).path("applied").asLong()).isEqualTo(1);
        assertThat(rules.get(2).path("applied").asLong()).as("not looked at after the first error").isZero();
    }

    @Test
    void timesLimitsHowManyRequestsARuleAppliesTo() {
        admin().setFaults("""
                {"operation": "listKeypairs", "times": 2, %s}""".formatted(UNAVAILABLE));

        assertError(api.list(ALICE, ""), 503, "KPS.0003");
        assertError(api.list(ALICE, ""), 503, "KPS.0003");
        ok(api.list(ALICE, ""));
        ok(api.list(ALICE, ""));

        JsonNode rule = ok(admin().faults()).path("rules").get(0);
        assertThat(rule.path("times").asInt()).isEqualTo(2);
        assertThat(rule.path("applied").asLong()).isEqualTo(2);
    }

    @Test
    void requestsARuleDoesNotMatchDoNotUseUpItsTimes() {
        admin().setFaults("""
                {"operation": "showKeypair", "times": 1, %s}""".formatted(UNAVAILABLE));

        ok(api.list(ALICE, ""));

        assertError(api.show(ALICE, "anything"), 503, "KPS.0003");
        assertError(api.show(ALICE, "anything"), 404, "KPS.4016");
    }

    /**
     * 400 calls with probability 0.3: the count of faulted ones is binomial (mean 120, standard deviation
     * 9.2); five deviations either side fail a correct server once in millions of runs, and a server that
     * ignores the probability (0 or 400) every time.
     */
    @Test
    void probabilityAppliesTheRuleToThatShareOfRequests() {
        admin().setFaults("""
                {"operation": "listKeypairs", "probability": 0.3, %s}""".formatted(UNAVAILABLE));
        int calls = 400;

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            statuses.add(api.list(ALICE, "limit=1").status());
        }

        long faulted = statuses.stream().filter(s -> s == 503).count();
        assertThat(statuses).containsOnly(200, 503);
        assertThat(faulted).isBetween(120L - 46, 120L + 46);
        assertThat(ok(admin().faults()).path("rules").get(0).path("applied").asLong()).isEqualTo(faulted);
    }

    @Test
    void probabilityZeroNeverApplies() {
        admin().setFaults("""
                {"operation": "listKeypairs", "probability": 0, %s}""".formatted(UNAVAILABLE));

        for (int i = 0; i < 50; i++) {
            ok(api.list(ALICE, "limit=1"));
        }
        assertThat(ok(admin().faults()).path("rules").get(0).path("applied").asLong()).isZero();
    }

    @Test
    void aRuleWithNeitherDelayNorStatusCountsTheCallsItMatches() {
        admin().setFaults("""
                {"operation": "showKeypair"}""");

        api.show(ALICE, "one");
        api.show(ALICE, "two");
        ok(api.list(ALICE, ""));

        assertThat(ok(admin().faults()).path("rules").get(0).path("applied").asLong()).isEqualTo(2);
    }

    @Test
    void faultsComeAfterAuthentication() {
        admin().setFaults("""
                {"operation": "*", %s}""".formatted(UNAVAILABLE));

        Result anonymous = api.http().send(api.http().request(null, "keypairs").GET());

        assertError(anonymous, 401, "KPS.9001");
        assertThat(ok(admin().faults()).path("rules").get(0).path("applied").asLong()).isZero();
    }

    @Test
    void faultsLeaveTheAdminApiAndUnknownPathsAlone() {
        admin().setFaults("""
                {"operation": "*", %s}""".formatted(UNAVAILABLE));

        assertThat(admin().health().status()).isEqualTo(200);
        assertError(api.http().get(ALICE, "no-such-thing"), 404, "KPS.0002");
    }

    private AdminApi admin() {
        return new AdminApi(api.http(), AdminApi.TEST_TOKEN);
    }
}
