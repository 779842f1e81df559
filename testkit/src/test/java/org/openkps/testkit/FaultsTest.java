package org.openkps.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openkps.client.KpsException;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;

/** The typed fault rules, and what our client meets when they apply. */
@OpenKpsTest(reset = OpenKpsTest.Reset.BEFORE_EACH_TEST)
class FaultsTest {

    @Test
    void theRulesReadBackAsSet(OpenKps kps) {
        FaultRule throttled = FaultRule.on("createKeypair").fail(429, "KPS.0003", "slow down")
                .retryAfter(Duration.ofSeconds(2)).times(3);
        FaultRule slow = FaultRule.onEveryOperation().forProject(kps.projectId()).delay(Duration.ofMillis(5))
                .probability(0.5);

        List<ActiveFault> set = kps.faults().set(throttled, slow);

        assertThat(set).containsExactly(new ActiveFault(throttled, 0), new ActiveFault(slow, 0));
        assertThat(kps.faults().active()).isEqualTo(set);
    }

    @Test
    void aFailingRuleIsAKpsExceptionOfOurClientAndStoresNothing(OpenKps kps) throws Exception {
        kps.faults().set(FaultRule.on("createKeypair").fail(503, "KPS.0003", "unavailable for a while").times(1));

        KpsException e = catchThrowableOfType(KpsException.class, () -> create(kps, "faulted"));

        assertThat(e.getStatus()).isEqualTo(503);
        assertThat(e.getErrorCode()).isEqualTo("KPS.0003");
        assertThat(e.getErrorMsg()).isEqualTo("unavailable for a while");
        assertThat(kps.client().keypairs().listKeypairs(kps.projectId(), null, null).getKeypairs()).isEmpty();
        create(kps, "faulted");
        assertThat(kps.faults().active()).singleElement().extracting(ActiveFault::applied).isEqualTo(1L);
    }

    @Test
    void aDelaySlowsTheCallDown(OpenKps kps) throws Exception {
        kps.faults().set(FaultRule.on("listKeypairs").delay(Duration.ofMillis(400)));

        long started = System.nanoTime();
        kps.client().keypairs().listKeypairs(kps.projectId(), null, null);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aRuleTheServerRefusesIsAnIllegalArgumentWithItsReason(OpenKps kps) {
        assertThatThrownBy(() -> kps.faults().set(FaultRule.on("showKeypair").fail(409, "KPS.0002", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("showKeypair does not declare 409");
    }

    @Test
    void clearRemovesEveryRule(OpenKps kps) throws Exception {
        kps.faults().set(FaultRule.onEveryOperation().fail(500, "KPS.0004", "boom"));

        kps.faults().clear();

        assertThat(kps.faults().active()).isEmpty();
        create(kps, "after-clear");
    }

    @Test
    void resetOfOneProjectKeepsTheRules(OpenKps kps) throws Exception {
        create(kps, "goes");
        kps.faults().set(FaultRule.on("showKeypair"));

        kps.reset(kps.projectId());

        assertThat(kps.client().keypairs().listKeypairs(kps.projectId(), null, null).getKeypairs()).isEmpty();
        assertThat(kps.faults().active()).hasSize(1);
    }

    private static void create(OpenKps kps, String name) throws Exception {
        kps.client().keypairs().createKeypair(kps.projectId(),
                new CreateKeypairRequest().keypair(new CreateKeypairAction().name(name)));
    }
}
