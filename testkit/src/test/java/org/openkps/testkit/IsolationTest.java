package org.openkps.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogManager;

import org.junit.jupiter.api.Test;

/**
 * Starting the server leaves the JVM as the test had it: the same system properties, the same
 * java.util.logging handlers, the same context class loader.
 */
class IsolationTest {

    @Test
    void aStartLeavesSystemPropertiesLoggingAndTheContextClassLoaderAlone() {
        OpenKps.stopShared();
        Map<Object, Object> properties = new HashMap<>(System.getProperties());
        List<Handler> handlers = List.of(LogManager.getLogManager().getLogger("").getHandlers());
        ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();

        OpenKps kps = OpenKps.shared();

        assertThat(kps.endpoint()).isNotNull();
        assertThat(new HashMap<>(System.getProperties())).isEqualTo(properties);
        assertThat(List.of(LogManager.getLogManager().getLogger("").getHandlers())).isEqualTo(handlers);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(contextLoader);
    }
}
