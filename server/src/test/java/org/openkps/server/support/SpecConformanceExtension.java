package org.openkps.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails a test when any response it caused broke the contract (or answered 501). */
public class SpecConformanceExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        SpecConformance.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(SpecConformance.violations()).as("responses that break the contract").isEmpty();
    }
}
