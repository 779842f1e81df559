package org.openkps.server.emulator;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The fault rules start empty: the server behaves as KPS until a test says otherwise. */
@Configuration(proxyBeanMethods = false)
class EmulatorConfiguration {

    @Bean
    FaultInjector faultInjector() {
        return new FaultInjector(() -> ThreadLocalRandom.current().nextDouble());
    }
}
