package org.openkps.server.emulator;

import java.util.Optional;

import org.openkps.server.emulator.FaultRule.InjectedError;

/**
 * What the fault rules do to one request: wait {@code delayMillis}, then answer {@code error} instead of
 * performing the operation, or perform it when there is none.
 */
public record Fault(long delayMillis, Optional<InjectedError> error) {

    static final Fault NONE = new Fault(0, Optional.empty());

    public boolean isNone() {
        return delayMillis == 0 && error.isEmpty();
    }
}
