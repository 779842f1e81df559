package org.openkps.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault rule, as {@code PUT /_openkps/faults} takes it: which KPS requests it applies to, and what it
 * does to them. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * kps.faults().set(
 *         FaultRule.on("createKeypair").fail(503, "KPS.0003", "unavailable for a while").times(2),
 *         FaultRule.onEveryOperation().delay(Duration.ofMillis(200)).probability(0.1));
 * }</pre>
 *
 * @param operation   a KPS operationId such as {@code createKeypair}, or {@code *}
 * @param projectId   only requests of this project; null for every project
 * @param delay       added before the request is answered or performed
 * @param status      the HTTP status answered instead of performing the operation; null to perform it
 * @param errorCode   the {@code error_code} answered with {@code status}
 * @param errorMsg    the {@code error_msg} answered with {@code status}
 * @param retryAfter  a {@code Retry-After} (whole seconds) with a 429 or 503; null for none
 * @param probability the chance, 0 to 1, that the rule applies to a request it matches
 * @param times       how many requests it applies to at most; null for no limit
 */
public record FaultRule(String operation, String projectId, Duration delay, Integer status, String errorCode,
                        String errorMsg, Duration retryAfter, double probability, Integer times) {

    public FaultRule {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(delay, "delay");
    }

    /** A rule for one KPS operation, by its operationId ({@code createKeypair}, {@code listKeypairs}, ...). */
    public static FaultRule on(String operation) {
        return new FaultRule(operation, null, Duration.ZERO, null, null, null, null, 1, null);
    }

    /** A rule for every KPS operation. */
    public static FaultRule onEveryOperation() {
        return on("*");
    }

    /** Only for requests of this project. */
    public FaultRule forProject(String projectId) {
        return new FaultRule(operation, projectId, delay, status, errorCode, errorMsg, retryAfter, probability, times);
    }

    /** Wait this long (milliseconds count) before answering or performing the request. */
    public FaultRule delay(Duration delay) {
        return new FaultRule(operation, projectId, delay, status, errorCode, errorMsg, retryAfter, probability, times);
    }

    /**
     * Answer this KPS error instead of performing the operation; the status must be one the operation
     * declares in the KPS contract (every operation declares 429, 500 and 503).
     */
    public FaultRule fail(int status, String errorCode, String errorMsg) {
        return new FaultRule(operation, projectId, delay, status, errorCode, errorMsg, retryAfter, probability, times);
    }

    /** Send {@code Retry-After} with a 429 or 503. */
    public FaultRule retryAfter(Duration retryAfter) {
        return new FaultRule(operation, projectId, delay, status, errorCode, errorMsg, retryAfter, probability, times);
    }

    /** Apply to this share (0 to 1) of the requests the rule matches, at random. */
    public FaultRule probability(double probability) {
        return new FaultRule(operation, projectId, delay, status, errorCode, errorMsg, retryAfter, probability, times);
    }

    /** Apply to this many requests at most. */
    public FaultRule times(int times) {
        return new FaultRule(operation, projectId, delay, status, errorCode, errorMsg, retryAfter, probability, times);
    }
}
