package org.openkps.server.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Puts {@link SpecValidationFilter} in front of everything in the server under test. */
@TestConfiguration(proxyBeanMethods = false)
public class ContractTestConfiguration {

    @Bean
    FilterRegistrationBean<SpecValidationFilter> specValidationFilter() {
        FilterRegistrationBean<SpecValidationFilter> registration = new FilterRegistrationBean<>(new SpecValidationFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
