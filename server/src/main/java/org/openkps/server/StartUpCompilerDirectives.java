package org.openkps.server;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bin/openkps starts the JVM with compiler directives that keep the optimising compiler (C2) to the key
 * arithmetic: on 2 cores, C2 compiling Spring's start-up code took more CPU than the start itself. Once the
 * server answers they are cleared, so that what serves requests is optimised as usual (api/DECISIONS.md).
 * The launcher asks for this with {@code -Dopenkps.clear-compiler-directives-when-started=true}.
 */
final class StartUpCompilerDirectives {

    static final String PROPERTY = "openkps.clear-compiler-directives-when-started";
    private static final Logger LOG = LoggerFactory.getLogger(StartUpCompilerDirectives.class);

    private StartUpCompilerDirectives() {
    }

    /** Clears the JVM's compiler directives if the launcher asked for it (jcmd's Compiler.directives_clear). */
    static void clearIfAsked() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesClear",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            // Only slower: C1 goes on compiling what C2 would have.
            LOG.warn("could not clear the start-up compiler directives: {}", e.toString());
        }
    }
}
