package org.openkps.server.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The real server on a random port, with the test credentials of {@link TestCallers}, a fresh
 * data directory, and every response checked against the contract. Test classes that share it
 * share one running server, so each test uses names of its own ({@link TestCallers#uniqueName}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ContractTestConfiguration.class)
@ExtendWith(SpecConformanceExtension.class)
public @interface KpsServerTest {
}
