package org.openkps.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openkps.server.KpsSettings;
import org.openkps.server.KpsSettings.Credential;

/** The admin token: the configured one or the local one, and never one that would open KPS too. */
class AdminTokenTest {

    private static final Credential CI = new Credential("ci-token", "CIACCESSKEY000000001", "ci-secret",
            "0b7a2f3c9d4e45f6a1b2c3d4e5f60718", "e4f380899b1248918f3d37098dc63746", null, false);

    @Test
    void withNoneConfiguredTheLocalAdminTokenOpens() {
        AdminToken token = AdminToken.of(settings(List.of(), null));

        assertThat(token.matches("local-admin-token")).isTrue();
        assertThat(token.matches("local-token")).isFalse();
    }

    @Test
    void aConfiguredTokenOpensAndTheLocalOneNoLonger() {
        AdminToken token = AdminToken.of(settings(List.of(CI), "  ci-admin  "));

        assertThat(token.matches("ci-admin")).isTrue();
        assertThat(token.matches("local-admin-token")).isFalse();
        assertThat(token.matches("ci-admi")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void aTokenThatIsAlsoAKpsTokenOrSecretKeyIsRefusedAtStartUp() {
        assertThatThrownBy(() -> AdminToken.of(settings(List.of(CI), "ci-token"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AdminToken.of(settings(List.of(CI), "ci-secret"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AdminToken.of(settings(List.of(), "local-token")))
                .as("the local credential, in force when none is configured").isInstanceOf(IllegalStateException.class);
    }

    private static KpsSettings settings(List<Credential> credentials, String adminToken) {
        return new KpsSettings(Path.of("data"), credentials, new KpsSettings.Kms(List.of()), new KpsSettings.Vault(null),
                1048576, java.time.Duration.ofSeconds(10), java.time.Duration.ofDays(7), new KpsSettings.Ecs(List.of(), java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(30)), new KpsSettings.Admin(adminToken), new KpsSettings.Keygen(0));
    }
}
