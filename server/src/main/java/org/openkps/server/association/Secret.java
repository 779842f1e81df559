package org.openkps.server.association;

import java.util.Objects;

/**
 * A password or private key a caller or the configuration gave for logging in to a server. It is
 * held in memory for one task and never printed: {@link #toString} hides it, so no log line, message
 * or record's toString can carry it by accident.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself, for the one place that logs in with it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "(secret)";
    }
}
