package com.example.deploykeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.openkps.testkit.FaultRule;
import org.openkps.testkit.OpenKps;
import org.openkps.testkit.OpenKpsTest;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The test kit inside the user's own Spring Boot test: their application (its own Tomcat, logging and
 * configuration) runs beside the KPS server, and nothing of the server's reaches it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@OpenKpsTest
class DeployKeysApplicationTest {

    // Evaluated while Spring builds the application context, before the extension runs: the server starts here.
    @DynamicPropertySource
    static void kps(DynamicPropertyRegistry registry) {
        registry.add("kps.endpoint", () -> OpenKps.shared().endpoint());
        registry.add("kps.token", () -> OpenKps.shared().token());
        registry.add("kps.project-id", () -> OpenKps.shared().projectId());
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext application;

    @Autowired
    Environment environment;

    @Test
    void theApplicationMakesItsDeployKeyInKps(OpenKps kps) throws Exception {
        HttpResponse<String> answer = post("/deploy-keys/web-1");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(kps.client().keypairs().showKeypair(kps.projectId(), "web-1").getKeypair().getFingerprint())
                .isEqualTo(answer.body());
    }

    @Test
    void whenKpsFailsTheApplicationSaysSo(OpenKps kps) throws Exception {
        kps.faults().set(FaultRule.on("createKeypair").fail(503, "KPS.0003", "unavailable for a while").times(1));

        assertThat(post("/deploy-keys/web-2").statusCode()).isEqualTo(502);
        assertThat(post("/deploy-keys/web-2").statusCode()).isEqualTo(200);
    }

    @Test
    void theApplicationKeepsItsOwnConfigurationLoggingAndWebServer(OpenKps kps) {
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("deploy-keys");
        // The server's application.properties is not the application's: none of its settings got in.
        assertThat(environment.getProperty("spring.mvc.throw-exception-if-no-handler-found")).isNull();
        assertThat(environment.getProperty("kps.data-dir")).isNull();
        // The application's logging configuration applies, although the server started before it.
        assertThat(LoggerFactory.getLogger("com.example.deploykeys").isDebugEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("org.springframework").isDebugEnabled()).isFalse();
        // Its own Tomcat, on its own port; the server's on another.
        assertThat(((WebServerApplicationContext) application).getWebServer().getPort()).isEqualTo(port);
        assertThat(kps.endpoint().getPort()).isNotEqualTo(port);
    }

    @Test
    void noneOfTheServersLibrariesIsOnTheApplicationsClassPath() {
        for (String serverClass : new String[] {"org.openkps.server.KpsServerApplication", "org.h2.Driver",
                "org.flywaydb.core.Flyway", "org.bouncycastle.jce.provider.BouncyCastleProvider"}) {
            assertThatThrownBy(() -> Class.forName(serverClass)).as(serverClass).isInstanceOf(ClassNotFoundException.class);
        }
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
