package org.openkps.server;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The openkps server: a real, stateful KPS v3 on an embedded database. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class KpsServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(KpsServerApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
