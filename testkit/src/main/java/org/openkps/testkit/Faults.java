package org.openkps.testkit;

import java.util.Arrays;
import java.util.List;

/** The fault rules of the server ({@code /_openkps/faults}). */
public final class Faults {

    private final AdminClient admin;

    Faults(AdminClient admin) {
        this.admin = admin;
    }

    /**
     * Replaces the rules in force with these, looked at in this order.
     *
     * @throws IllegalArgumentException when the server refuses a rule (an operation the KPS contract does not
     *                                  have, a status that operation does not declare), with its reason
     */
    public List<ActiveFault> set(FaultRule... rules) {
        return admin.replaceFaults(Arrays.asList(rules));
    }

    /** The rules in force, each with how many requests it has applied to. */
    public List<ActiveFault> active() {
        return admin.showFaults();
    }

    /** Removes every rule: KPS operations behave normally again. */
    public void clear() {
        admin.clearFaults();
    }
}
