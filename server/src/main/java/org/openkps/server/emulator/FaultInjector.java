package org.openkps.server.emulator;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import org.openkps.server.emulator.FaultRule.InjectedError;

/**
 * The fault rules in force, and what they do to each request. Rules are looked at in order: a rule
 * applies when it matches the request, has {@code times} left and a draw falls under its
 * probability; its delay adds up with the delays of the rules before it, and the first applying rule
 * with an error ends the look-up. Thread-safe: a rule never applies more than {@code times} times,
 * however many requests race for it.
 */
public class FaultInjector {

    private final DoubleSupplier draw;
    private final AtomicReference<List<ActiveRule>> rules = new AtomicReference<>(List.of());

    /** @param draw uniform numbers in [0, 1), one per rule that matches a request and has times left */
    public FaultInjector(DoubleSupplier draw) {
        this.draw = draw;
    }

    /** Replaces every rule; the new ones have applied to nothing yet. */
    public List<ActiveRule> replace(List<FaultRule> newRules) {
        List<ActiveRule> active = newRules.stream().map(ActiveRule::new).toList();
        rules.set(active);
        return active;
    }

    public List<ActiveRule> rules() {
        return rules.get();
    }

    public void clear() {
        rules.set(List.of());
    }

    /** What the rules do to a request for {@code operation} by a caller of {@code projectId}. */
    public Fault faultFor(String operation, String projectId) {
        long delay = 0;
        for (ActiveRule active : rules.get()) {
            FaultRule rule = active.rule();
            if (!rule.matches(operation, projectId) || !active.hasTimesLeft() || draw.getAsDouble() >= rule.probability()
                    || !active.claim()) {
                continue;
            }
            delay += rule.delayMillis();
            if (rule.error() != null) {
                return new Fault(delay, Optional.of(rule.error()));
            }
        }
        return delay == 0 ? Fault.NONE : new Fault(delay, Optional.<InjectedError>empty());
    }

    /** A rule in force and how many requests it has applied to. */
    public static final class ActiveRule {

        private final FaultRule rule;
        private final AtomicLong applied = new AtomicLong();

        ActiveRule(FaultRule rule) {
            this.rule = rule;
        }

        public FaultRule rule() {
            return rule;
        }

        public long applied() {
            return applied.get();
        }

        private boolean hasTimesLeft() {
            return rule.times() == null || applied.get() < rule.times();
        }

        // Counts one application unless the rule's times ran out meanwhile.
        private boolean claim() {
            if (rule.times() == null) {
                applied.incrementAndGet();
                return true;
            }
            long now;
            do {
                now = applied.get();
                if (now >= rule.times()) {
                    return false;
                }
            } while (!applied.compareAndSet(now, now + 1));
            return true;
        }
    }
}
