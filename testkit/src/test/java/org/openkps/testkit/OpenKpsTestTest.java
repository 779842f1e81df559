package org.openkps.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openkps.client.KpsClient;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.KeypairDetail;

/** {@link OpenKpsTest} as a test class uses it: an {@link OpenKps} wherever a parameter asks for one. */
@OpenKpsTest
class OpenKpsTestTest {

    private static OpenKps fromBeforeAll;
    private final OpenKps fromConstructor;

    OpenKpsTestTest(OpenKps kps) {
        this.fromConstructor = kps;
    }

    @BeforeAll
    static void beforeAll(OpenKps kps) {
        fromBeforeAll = kps;
    }

    @Test
    void oneServerForTheWholeJvm(OpenKps kps) {
        assertThat(kps).isSameAs(fromConstructor).isSameAs(fromBeforeAll).isSameAs(OpenKps.shared());
    }

    @Test
    void itListensOnALoopbackPortAndIsHealthy(OpenKps kps) throws Exception {
        assertThat(kps.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(kps.endpoint().getPort()).isPositive();

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(kps.endpoint().resolve("/_openkps/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void ourClientCreatesAKeypairThatTheServerKeeps(OpenKps kps) throws Exception {
        kps.client().keypairs().createKeypair(kps.projectId(),
                new CreateKeypairRequest().keypair(new CreateKeypairAction().name("from-the-test-kit")));

        KeypairDetail detail = kps.client().keypairs().showKeypair(kps.projectId(), "from-the-test-kit").getKeypair();

        assertThat(detail.getUserId()).isEqualTo(kps.userId());
        assertThat(detail.getAlgorithm()).isEqualTo("RSA2048");
    }

    @Test
    void theAccessKeyPairSignsForTheSameProject(OpenKps kps) throws Exception {
        KpsClient signing = KpsClient.withAccessKey(kps.endpoint(), kps.accessKey(), kps.secretKey());

        assertThat(signing.keypairs().listKeypairs(kps.projectId(), 1, null).getPageInfo()).isNotNull();
    }

    @Test
    void theServersLibrariesAreNotOnTheTestsClassPath() {
        for (String serverClass : new String[] {"org.openkps.server.KpsServerApplication",
                "org.springframework.boot.SpringApplication", "org.apache.catalina.startup.Tomcat",
                "ch.qos.logback.classic.Logger", "org.h2.Driver", "org.flywaydb.core.Flyway"}) {
            assertThatThrownBy(() -> Class.forName(serverClass)).as(serverClass).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void theAdminTokenOpensTheAdminApiOnly(OpenKps kps) throws Exception {
        HttpResponse<String> faults = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(kps.endpoint().resolve("/_openkps/faults"))
                        .header("X-Admin-Token", kps.adminToken()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(faults.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> KpsClient.withToken(kps.endpoint(), kps.adminToken()).keypairs()
                .listKeypairs(kps.projectId(), null, null))
                .hasMessageContaining("401");
    }

    @Nested
    class InANestedClass {

        @Test
        void theSameServer(OpenKps kps) {
            assertThat(kps).isSameAs(fromConstructor);
            assertThat(URI.create(kps.endpoint().toString())).isEqualTo(kps.endpoint());
        }
    }
}
