package org.openkps.server.http.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.TestCallers.ALICE;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.openkps.server.support.AdminApi;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsHttp.Result;
import org.openkps.server.support.KpsServerTest;

/** The admin API needs the admin token, and only it; the admin token opens nothing of KPS. */
@KpsServerTest
class AdminAuthenticationTest extends KpsApiTest {

    private AdminApi admin() {
        return new AdminApi(api.http(), AdminApi.TEST_TOKEN);
    }

    @Test
    void healthNeedsNoCredentials() {
        Result health = admin().health();

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.header("X-Request-Id")).matches("^[0-9a-f]{32}$");
    }

    @Test
    void everyOtherAdminCallWithoutTheTokenIs401() {
        for (String[] call : new String[][] {{"POST", "/_openkps/reset"}, {"GET", "/_openkps/faults"},
                {"PUT", "/_openkps/faults"}, {"DELETE", "/_openkps/faults"}}) {
            String message = assertError(admin().send(call[0], call[1], null, null), 401, "KPS.9001");
            assertThat(message).as("%s %s", call[0], call[1]).isEqualTo("X-Admin-Token is missing");
        }
    }

    @Test
    void aWrongAdminTokenIs401AndIsNotEchoed() {
        String message = assertError(admin().send("POST", "/_openkps/reset", "not-the-admin-token", null), 401, "KPS.9001");

        assertThat(message).isEqualTo("the X-Admin-Token is not valid").doesNotContain("not-the-admin-token");
    }

    @Test
    void kpsCredentialsDoNotOpenTheAdminApi() {
        assertError(admin().send("POST", "/_openkps/reset", ALICE.token(), null), 401, "KPS.9001");
        Result withKpsToken = api.http().send(api.http().request("/_openkps/reset")
                .header("X-Auth-Token", ALICE.token()).POST(HttpRequest.BodyPublishers.noBody()));
        assertError(withKpsToken, 401, "KPS.9001");
    }

    @Test
    void theAdminTokenDoesNotOpenKps() {
        Result asKpsToken = api.http().send(api.http().request("/v3/" + ALICE.projectId() + "/keypairs")
                .header("X-Auth-Token", AdminApi.TEST_TOKEN).GET());
        assertError(asKpsToken, 401, "KPS.9001");
        Result asAdminHeader = api.http().send(api.http().request("/v3/" + ALICE.projectId() + "/keypairs")
                .header("X-Admin-Token", AdminApi.TEST_TOKEN).GET());
        assertError(asAdminHeader, 401, "KPS.9001");
    }

    @Test
    void aPathSpelledOtherwiseIsStillTheAdminApi() {
        assertError(admin().send("POST", "/_openkps;x=1/reset", null, null), 401, "KPS.9001");
        assertError(admin().send("POST", "/_openkps/health/../reset", null, null), 401, "KPS.9001");
    }
}
