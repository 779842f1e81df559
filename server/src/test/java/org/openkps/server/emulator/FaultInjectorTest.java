package org.openkps.server.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.openkps.server.emulator.FaultRule.InjectedError;
import org.openkps.server.support.Race;

/** How rules decide, on their own: matching, order, probability and times, also under races. */
class FaultInjectorTest {

    private static final InjectedError UNAVAILABLE = new InjectedError(503, "KPS.0003", "down", null);

    @Test
    void noRulesNoFault() {
        assertThat(new FaultInjector(() -> 0.0).faultFor("createKeypair", "p").isNone()).isTrue();
    }

    @Test
    void aRuleMatchesItsOperationAndProjectOnly() {
        FaultInjector faults = new FaultInjector(() -> 0.0);
        faults.replace(List.of(new FaultRule("createKeypair", "p", 0, UNAVAILABLE, 1, null)));

        assertThat(faults.faultFor("createKeypair", "p").error()).contains(UNAVAILABLE);
        assertThat(faults.faultFor("createKeypair", "q").isNone()).isTrue();
        assertThat(faults.faultFor("listKeypairs", "p").isNone()).isTrue();
    }

    @Test
    void delaysAddUpUntilTheFirstError() {
        FaultInjector faults = new FaultInjector(() -> 0.0);
        faults.replace(List.of(
                new FaultRule("*", null, 100, null, 1, null),
                new FaultRule("listKeypairs", null, 20, UNAVAILABLE, 1, null),
                new FaultRule("*", null, 5000, null, 1, null)));

        Fault fault = faults.faultFor("listKeypairs", "p");

        assertThat(fault.delayMillis()).isEqualTo(120);
        assertThat(fault.error()).contains(UNAVAILABLE);
        assertThat(faults.rules().get(2).applied()).isZero();
    }

    @Test
    void aRuleAppliesWhenTheDrawFallsUnderItsProbability() {
        AtomicInteger call = new AtomicInteger();
        double[] draws = {0.29, 0.3, 0.99, 0.0};
        FaultInjector faults = new FaultInjector(() -> draws[call.getAndIncrement()]);
        faults.replace(List.of(new FaultRule("*", null, 0, UNAVAILABLE, 0.3, null)));

        assertThat(List.of(faults.faultFor("x", "p").isNone(), faults.faultFor("x", "p").isNone(),
                faults.faultFor("x", "p").isNone(), faults.faultFor("x", "p").isNone()))
                .containsExactly(false, true, true, false);
        assertThat(faults.rules().get(0).applied()).isEqualTo(2);
    }

    @Test
    void probabilityOverManyDrawsOfARealRandom() {
        FaultInjector faults = new FaultInjector(new Random(20251202L)::nextDouble);
        faults.replace(List.of(new FaultRule("*", null, 0, UNAVAILABLE, 0.25, null)));

        int faulted = 0;
        for (int i = 0; i < 10_000; i++) {
            faulted += faults.faultFor("x", "p").isNone() ? 0 : 1;
        }

        // mean 2500, standard deviation 43
        assertThat(faulted).isBetween(2500 - 5 * 43, 2500 + 5 * 43);
    }

    @Test
    void timesHoldsUnderARace() throws Exception {
        FaultInjector faults = new FaultInjector(() -> 0.0);
        faults.replace(List.of(new FaultRule("*", null, 0, UNAVAILABLE, 1, 5)));

        List<Integer> faulted = Race.run(8, () -> {
            int mine = 0;
            for (int i = 0; i < 500; i++) {
                mine += faults.faultFor("x", "p").isNone() ? 0 : 1;
            }
            return mine;
        });

        assertThat(faulted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
        assertThat(faults.rules().get(0).applied()).isEqualTo(5);
    }

    @Test
    void replacingStartsTheCountsAfresh() {
        FaultInjector faults = new FaultInjector(() -> 0.0);
        FaultRule once = new FaultRule("*", null, 0, UNAVAILABLE, 1, 1);
        faults.replace(List.of(once));
        faults.faultFor("x", "p");

        faults.replace(List.of(once));

        assertThat(faults.faultFor("x", "p").error()).contains(UNAVAILABLE);
    }
}
