package org.openkps.server.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.REQUEST_ID;
import static org.openkps.server.support.KpsAnswers.assertError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.RawHttp;
import org.openkps.server.support.TestCallers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the server shows without credentials: the contracts as the build made them, their reference at
 * {@code /docs}, which {@code /} leads to, and nothing else. This server has credentials configured, so the
 * page carries no token at all.
 */
@KpsServerTest
class PublishedDocsTest {

    @LocalServerPort
    int port;

    private KpsHttp http;

    @BeforeEach
    void connect() {
        http = new KpsHttp(port);
    }

    @Test
    void theContractIsServedAsTheBuildMadeIt() {
        KpsHttp.Result yaml = get("/openapi/kps.yaml");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Type")).isEqualTo("application/yaml;charset=UTF-8");
        assertThat(yaml.bytes()).isEqualTo(classpath("openapi/kps.yaml"));
        assertThat(yaml.header("X-Request-Id")).matches(REQUEST_ID);

        KpsHttp.Result json = get("/openapi/kps.json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(json.bytes()).isEqualTo(classpath("openapi/kps.json"));
    }

    @Test
    void theAdminContractIsServedOnlyWhereTheClasspathHasOne() {
        for (String file : new String[] {"admin.yaml", "admin.json"}) {
            KpsHttp.Result answer = get("/openapi/" + file);
            if (getClass().getClassLoader().getResource("openapi/" + file) == null) {
                assertError(answer, 404, "KPS.0002");
            } else {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.bytes()).isEqualTo(classpath("openapi/" + file));
            }
        }
    }

    @Test
    void theRootLeadsToTheReference() {
        KpsHttp.Result root = get("/");
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).isEqualTo("/docs");
    }

    @Test
    void theReferenceLoadsTheContractAndOnlyThisServersScripts() {
        KpsHttp.Result page = http.send(http.request("/docs").header("Accept", "text/html"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
        assertThat(page.header("Content-Security-Policy"))
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'");
        assertThat(page.body())
                .contains("/openapi/kps.yaml", "/docs/swagger-ui-bundle.js", "/docs/openkps-docs.js")
                .doesNotContain("http://", "https://", "<script>");
        for (String asset : new String[] {"swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "openkps-docs.js"}) {
            KpsHttp.Result script = get("/docs/" + asset);
            assertThat(script.status()).as(asset).isEqualTo(200);
            assertThat(script.header("Content-Type")).as(asset).startsWith("text/javascript");
        }
        assertThat(get("/docs/swagger-ui.css").header("Content-Type")).startsWith("text/css");
        assertThat(get("/docs/favicon-32x32.png").header("Content-Type")).isEqualTo("image/png");
    }

    @Test
    void configuredCredentialsNeverReachThePage() {
        String page = get("/docs").body() + get("/docs/openkps-docs.js").body();

        assertThat(page).doesNotContain("data-local-token", "local-token");
        for (TestCallers.Caller caller : new TestCallers.Caller[] {TestCallers.ALICE, TestCallers.BOB, TestCallers.CAROL}) {
            assertThat(page).doesNotContain(caller.token());
        }
        assertThat(page).doesNotContain("alice-secret-key", "ALICEACCESSKEY");
    }

    /** Unknown paths stay the KPS 404, beside the docs too: nothing else of the classpath or the WebJar is served. */
    @ParameterizedTest
    @ValueSource(strings = {
            "/docs/", "/docs/index.html", "/docs/swagger-initializer.js", "/docs/swagger-ui.js", "/docs/oauth2-redirect.html",
            "/docs/application.yaml", "/openapi/application.yaml", "/openapi/", "/openapi/kps.yml", "/openapi/kps.yaml/x",
            "/openapi/%2e%2e%2fapplication.yaml", "/docs/..%2fapplication.yaml", "/openapi/..%2F..%2Fapplication.yaml",
            "/webjars/swagger-ui/5.34.1/index.html", "/META-INF/resources/webjars/swagger-ui/5.34.1/index.html",
            "/application.yaml", "/docs.html", "/index.html", "/db/migration/V1__keypairs.sql"})
    void nothingElseIsServed(String path) {
        KpsHttp.Result answer = get(path);
        assertThat(answer.status()).as(path).isIn(400, 404);
        assertError(answer, answer.status(), "KPS.0002");
    }

    @Test
    void pathTricksOnTheRawWireGetNothingEither() {
        for (String path : new String[] {"/docs/../application.yaml", "/openapi/../../application.yaml",
                "/docs/./swagger-initializer.js", "/docs;x=1", "/openapi/kps.yaml;x=1/../../application.yaml"}) {
            RawHttp.Answer answer = RawHttp.exchange(port,
                    "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as(path).isIn(400, 404);
            assertThat(answer.errorCode()).as(path).isEqualTo("KPS.0002");
        }
    }

    @Test
    void theDocsAreReadOnly() {
        KpsHttp.Result answer = http.send(http.request("/docs").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertError(answer, 405, "KPS.0002");
        assertThat(answer.header("Allow")).contains("GET");
    }

    @Test
    void theApiStillNeedsCredentials() {
        assertError(http.get(null, "keypairs"), 401, "KPS.9001");
    }

    private KpsHttp.Result get(String path) {
        return http.send(http.request(path));
    }

    private static byte[] classpath(String name) {
        try (InputStream in = PublishedDocsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
