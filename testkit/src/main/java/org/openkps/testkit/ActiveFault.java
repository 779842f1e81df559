package org.openkps.testkit;

/**
 * A fault rule in force, and how many requests it has applied to since it was set: a count that tells
 * how often the code under test called (and retried) an operation.
 */
public record ActiveFault(FaultRule rule, long applied) {
}
