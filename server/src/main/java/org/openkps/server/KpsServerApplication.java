package org.openkps.server;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import sun.misc.Signal;

/**
 * The openkps server: a real, stateful KPS v3 on an embedded database. Left out of Spring Boot's
 * auto-configuration, because each cost every start something for nothing this server uses (api/DECISIONS.md,
 * decision 139): transaction proxies (transactions are demarcated with a {@code TransactionTemplate}, see
 * {@code StoreConfiguration}; nothing is {@code @Transactional}), exception-translation proxies around the
 * stores (their {@code JdbcClient} throws Spring's exceptions already), multipart uploads (the contract has
 * none), and Spring's task executor and scheduler (the server's background work runs on threads of its own).
 */
@SpringBootApplication(exclude = {TransactionAutoConfiguration.class,
        PersistenceExceptionTranslationAutoConfiguration.class, MultipartAutoConfiguration.class,
        TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class})
@ConfigurationPropertiesScan
public class KpsServerApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext server = SpringApplication.run(KpsServerApplication.class, args);
        stopGracefullyOnSigterm(server);
        StartUpCompilerDirectives.clearIfAsked();
    }

    /**
     * SIGTERM is how a CI job or an orchestrator asks a server to stop: it stops taking connections,
     * finishes what is in flight (within {@code spring.lifecycle.timeout-per-shutdown-phase}) and exits 0,
     * the status of a stop that was asked for, where the JVM's own handler would exit 143.
     */
    private static void stopGracefullyOnSigterm(ConfigurableApplicationContext server) {
        Signal.handle(new Signal("TERM"), signal -> new Thread(() -> {
            server.close();
            System.exit(0);
        }, "sigterm").start());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
