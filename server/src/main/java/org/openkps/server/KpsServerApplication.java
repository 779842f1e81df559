package org.openkps.server;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import sun.misc.Signal;

/**
 * The openkps server: a real, stateful KPS v3 on an embedded database. Transactions are demarcated with a
 * {@code TransactionTemplate} ({@code StoreConfiguration}); nothing is {@code @Transactional}.
 */
@SpringBootApplication(exclude = TransactionAutoConfiguration.class)
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
