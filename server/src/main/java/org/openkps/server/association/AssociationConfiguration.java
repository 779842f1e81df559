package org.openkps.server.association;

import org.openkps.server.KpsSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory and timings of association, from {@code kps.ecs.*}. */
@Configuration(proxyBeanMethods = false)
class AssociationConfiguration {

    @Bean
    ServerInventory serverInventory(KpsSettings settings) {
        return new ServerInventory(settings.ecs().servers().stream()
                .map(s -> new EcsServer(s.id(), s.name() == null ? s.id() : s.name(), s.projectId(),
                        s.host() == null || s.host().isBlank() ? null : s.host(), s.port(),
                        s.loginUser(), s.hostKey(), s.password() == null ? null : new Secret(s.password())))
                .toList());
    }

    @Bean
    AssociationTimings associationTimings(KpsSettings settings) {
        return new AssociationTimings(settings.ecs().taskDelay(), settings.ecs().sshTimeout());
    }
}
