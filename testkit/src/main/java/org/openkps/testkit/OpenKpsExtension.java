package org.openkps.testkit;

import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit side of {@link OpenKpsTest}: hands out the shared {@link OpenKps}, resets it as the
 * annotation says, and stops it when the test run ends.
 */
public final class OpenKpsExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OpenKpsExtension.class);

    /** Starts the server (if no class did before) outside any test's time; resets it for a top-level class. */
    @Override
    public void beforeAll(ExtensionContext context) {
        OpenKps kps = server(context);
        // A @Nested class runs inside its enclosing class, whose reset covers it.
        boolean topLevel = context.getParent().filter(parent -> parent != context.getRoot()).isEmpty();
        if (topLevel && resetOf(context) == OpenKpsTest.Reset.BEFORE_EACH_CLASS) {
            kps.reset();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (resetOf(context) == OpenKpsTest.Reset.BEFORE_EACH_TEST) {
            server(context).reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OpenKps.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The shared server, whose stop the end of the test run takes care of. */
    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: JUnit 6 renamed it, JUnit 5 has only this name
    private static OpenKps server(ExtensionContext context) {
        OpenKps kps = OpenKps.shared();
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(StopAtTheEnd.class, key -> new StopAtTheEnd());
        return kps;
    }

    private static OpenKpsTest.Reset resetOf(ExtensionContext context) {
        for (Optional<Class<?>> type = context.getTestClass(); type.isPresent();
             type = Optional.ofNullable(type.get().getEnclosingClass())) {
            Optional<OpenKpsTest> annotation = AnnotationSupport.findAnnotation(type.get(), OpenKpsTest.class);
            if (annotation.isPresent()) {
                return annotation.get().reset();
            }
        }
        return OpenKpsTest.Reset.BEFORE_EACH_CLASS;
    }

    /**
     * Stops the server when the run's root context closes. Both kinds of store value, so that JUnit 6 (which
     * closes AutoCloseable values) and a JUnit 5 before 5.13 (which closes CloseableResource ones) close it, once.
     */
    @SuppressWarnings("deprecation")
    private static final class StopAtTheEnd implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        @Override
        public void close() {
            OpenKps.stopShared();
        }
    }
}
