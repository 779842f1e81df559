package org.openkps.server.http;

import java.time.Clock;

import jakarta.servlet.Filter;
import jakarta.validation.constraints.Size;

import org.apache.catalina.core.StandardHost;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.openkps.server.KpsSettings;
import org.openkps.server.emulator.FaultInjector;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.tomcat.autoconfigure.TomcatVirtualThreadsWebServerFactoryCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The HTTP edge, wired in one place. A request goes through, in this order:
 * <ol>
 *   <li>Tomcat, whose own refusals (a broken escape, headers over the limit) {@link KpsErrorReportValve}
 *       answers with the KPS error body;</li>
 *   <li>{@link RequestIdFilter}: every response gets an {@code X-Request-Id}, the log its context;</li>
 *   <li>{@link RequestSizeLimitFilter}: bodies over {@code kps.max-body-bytes} get 413;</li>
 *   <li>{@link AuthenticationFilter}: {@code /v3/} needs a token or an AK/SK signature (401) for the
 *       path's project (403), and leaves the {@code Caller} on the request;</li>
 *   <li>{@link AdminAuthenticationFilter}: the admin API under {@code /_openkps/} needs the admin token
 *       (401), its health check nothing;</li>
 *   <li>{@link FaultInjectionFilter}: the fault rules delay an authenticated KPS request, or answer it with
 *       an error instead of performing it;</li>
 *   <li>Spring MVC: {@link StrictRequestRules} refuses path parameters, broken query strings, integers
 *       that are not plain decimals, and an {@code Accept} that admits nothing the operation answers; the generated controller reads and
 *       validates the request as the contract says (strict JSON, sizes in characters), then calls a delegate ({@link KeypairsDelegate},
 *       {@link PrivateKeysDelegate}), which maps it onto the key-pair core; the admin API's delegates
 *       ({@link HealthDelegate}, {@link StateDelegate}, {@link FaultsDelegate}) act on the emulator's state;</li>
 *   <li>outside {@code /v3/}, {@link DocsController} serves the contracts and their reference to browsers
 *       ({@code /openapi/*}, {@code /docs}, {@code /}), with no credentials;</li>
 *   <li>whatever fails on the way is answered by {@link KpsExceptionHandler} (in MVC) or
 *       {@link KpsErrorController} (after it), both through {@link ErrorResponseWriter}.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        return inOrder(new RequestIdFilter(), 0);
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(KpsSettings settings,
                                                                          ErrorResponseWriter errors) {
        return inOrder(new RequestSizeLimitFilter(settings.maxBodyBytes(), settings.readTimeout(), errors), 1);
    }

    @Bean
    CredentialRegistry credentialRegistry(KpsSettings settings) {
        return new CredentialRegistry(settings);
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> authenticationFilter(CredentialRegistry credentials, Clock clock,
                                                                      ErrorResponseWriter errors) {
        return inOrder(new AuthenticationFilter(credentials, new SignedRequestVerifier(credentials, clock), errors), 2);
    }

    @Bean
    FilterRegistrationBean<AdminAuthenticationFilter> adminAuthenticationFilter(KpsSettings settings,
                                                                                ErrorResponseWriter errors) {
        return inOrder(new AdminAuthenticationFilter(AdminToken.of(settings), errors), 3);
    }

    @Bean
    FilterRegistrationBean<FaultInjectionFilter> faultInjectionFilter(KpsOperations operations, FaultInjector faults,
                                                                      ErrorResponseWriter errors) {
        return inOrder(new FaultInjectionFilter(operations, faults, errors), 4);
    }

    /** The operations of kps.yaml, which fault rules name. */
    @Bean
    KpsOperations kpsOperations() {
        return KpsOperations.fromContract();
    }

    // Ahead of Spring's own filters; the error dispatch goes through them again, so it has a request id too.
    private static <F extends Filter> FilterRegistrationBean<F> inOrder(F filter, int position) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10 * (position + 1));
        return registration;
    }

    /** Inside Spring MVC: the request rules the generated controllers do not check. */
    @Bean
    WebMvcConfigurer strictRequests() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new StrictRequestRules());
            }
        };
    }

    @Bean
    ErrorResponseWriter errorResponseWriter(JsonMapper jsonMapper) {
        return new ErrorResponseWriter(jsonMapper);
    }

    /**
     * Requests on virtual threads when {@code spring.threads.virtual.enabled} says so (the launcher sets it from
     * JDK 24 on), decided when the server starts. Spring Boot's own customizer for this is behind a condition,
     * which the launcher's ahead-of-time processed server (Spring AOT, built on the build's JDK 17) has fixed to
     * false; where Boot's applies too, both set the same executor.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestsOnVirtualThreads(Environment environment) {
        return factory -> {
            if (Threading.VIRTUAL.isActive(environment)) {
                new TomcatVirtualThreadsWebServerFactoryCustomizer().customize(factory);
            }
        };
    }

    /** Makes {@link KpsErrorReportValve} the host's error report valve, the one that runs closest to the request. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> kpsErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // The host adds its error report valve when it starts, after every other valve.
                host.setErrorReportValveClass(KpsErrorReportValve.class.getName());
            }
        });
    }

    /**
     * {@code kps.read-timeout} is how long Tomcat waits for the next bytes of a request (its connection timeout);
     * an idle kept-alive connection still waits a minute for the next request, as before. A request answered 408
     * ends its connection without reading the rest ({@link CloseOnRequestTimeoutValve}).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> readTimeout(KpsSettings settings) {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("connectionTimeout", String.valueOf(settings.readTimeout().toMillis()));
                connector.setProperty("keepAliveTimeout", "60000");
            });
            factory.addContextValves(new CloseOnRequestTimeoutValve());
        };
    }

    /**
     * JSON as the contract types it: a number where a string belongs ({@code "name": 123}), a string
     * where a number or boolean belongs, or a float where an integer belongs is a 400, not something
     * to coerce silently.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonScalars() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    /** {@code @Size} counts characters, as the contract's minLength/maxLength do: {@link CodePointSizeValidator}. */
    @Bean
    ValidationConfigurationCustomizer sizesCountCharacters() {
        return configuration -> {
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                ConstraintMapping mapping = hibernate.createConstraintMapping();
                mapping.constraintDefinition(Size.class)
                        .includeExistingValidators(false)
                        .validatedBy(CodePointSizeValidator.ForCharSequence.class)
                        .validatedBy(CodePointSizeValidator.ForCollection.class);
                hibernate.addMapping(mapping);
            }
        };
    }
}
