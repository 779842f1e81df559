package org.openkps.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A KPS server for the tests of the annotated class: the openkps server, running in the test's own JVM
 * (no Docker, no set-up), shared by every test class of the run, started on first use and stopped at
 * the end. Declare an {@link OpenKps} parameter (test method, constructor, {@code @BeforeAll} or
 * {@code @BeforeEach}) to get it:
 *
 * <pre>{@code
 * @OpenKpsTest
 * class DeployKeysTest {
 *     @Test
 *     void createsAKeypair(OpenKps kps) throws Exception {
 *         kps.client().keypairs().createKeypair(kps.projectId(), request);
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OpenKpsExtension.class)
public @interface OpenKpsTest {

    /** When the server is put back as it started (no key pairs, no fault rules); before each test class by default. */
    Reset reset() default Reset.BEFORE_EACH_CLASS;

    /** When {@link OpenKps#reset()} runs on its own. */
    enum Reset {
        /** Before the first test of each annotated class: tests of one class see each other's key pairs. */
        BEFORE_EACH_CLASS,
        /** Before each test. */
        BEFORE_EACH_TEST,
        /** Never: the tests reset when they want to. */
        NEVER
    }
}
