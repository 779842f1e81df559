package org.openkps.server.emulator;

import java.util.Objects;

/**
 * One fault rule: which requests it applies to, and what it does to them.
 *
 * @param operation   a KPS operationId, or {@link #ANY_OPERATION}
 * @param projectId   only requests of this project; null for every project
 * @param delayMillis added before the request is answered or performed
 * @param error       answered instead of performing the operation; null to perform it (after the delay)
 * @param probability the chance, 0 to 1, that the rule applies to a request it matches
 * @param times       how many requests it applies to at most; null for no limit
 */
public record FaultRule(String operation, String projectId, long delayMillis, InjectedError error,
                        double probability, Integer times) {

    public static final String ANY_OPERATION = "*";

    public FaultRule {
        Objects.requireNonNull(operation, "operation");
        if (delayMillis < 0 || probability < 0 || probability > 1 || (times != null && times < 1)) {
            throw new IllegalArgumentException("delay, probability or times out of range");
        }
    }

    /** Whether the rule is about this request at all (before its probability and times count). */
    boolean matches(String requestOperation, String requestProjectId) {
        return (operation.equals(ANY_OPERATION) || operation.equals(requestOperation))
                && (projectId == null || projectId.equals(requestProjectId));
    }

    /**
     * The error a rule answers with.
     *
     * @param retryAfterSeconds a {@code Retry-After} to send with it, or null
     */
    public record InjectedError(int status, String errorCode, String errorMsg, Integer retryAfterSeconds) {

        public InjectedError {
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(errorMsg, "errorMsg");
        }
    }
}
