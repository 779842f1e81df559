package org.openkps.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkps.server.support.ContractTestConfiguration;
import org.openkps.server.support.SpecConformanceExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.JsonNode;

/**
 * The reference as a newcomer sees it: a fresh server with its documented local credential, opened at
 * {@code /} in a real headless Chromium. Every operation of the contract is rendered, "Try it out" creates a
 * key pair on this server with the local token already filled in, and the page asked nothing of any host
 * but this server. Screenshots are left in {@code target/docs-screenshots/}. Every response the browser got
 * from the API is checked against the contract like any other test's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kps.data-dir=target/test-data/docs-browser-${random.uuid}", "logging.level.root=warn"})
@Import(ContractTestConfiguration.class)
@ExtendWith(SpecConformanceExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsInBrowserTest {

    private static final Duration RENDERING = Duration.ofSeconds(90);
    private static final Path SCREENSHOTS = Path.of("target", "docs-screenshots");

    @LocalServerPort
    int port;

    private HeadlessChromium chromium;

    @BeforeAll
    void openTheRootInTheBrowser() throws Exception {
        chromium = HeadlessChromium.start();
        chromium.navigate(origin() + "/");
        chromium.waitUntil("document.querySelectorAll('.opblock').length >= " + operationsOfTheContract().size(),
                RENDERING, "document.location.href + ' ' + document.body.innerText.substring(0, 500)");
    }

    @AfterAll
    void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theRootLeadsToTheReferenceOfEveryOperation() throws IOException {
        assertThat(chromium.evaluate("document.location.pathname").asString()).isEqualTo("/docs");
        assertThat(chromium.evaluate("document.querySelector('.info .title').textContent").asString())
                .startsWith("Key Pair Service (KPS) v3");

        List<String> rendered = new ArrayList<>();
        for (JsonNode block : chromium.evaluate("""
                Array.from(document.querySelectorAll('.opblock')).map(b => ({
                  id: b.id,
                  method: b.querySelector('.opblock-summary-method').textContent.toLowerCase(),
                  path: b.querySelector('.opblock-summary-path').getAttribute('data-path')}))""")) {
            String id = block.path("id").asString();
            rendered.add(id.substring(id.lastIndexOf('-') + 1) + " " + block.path("method").asString() + " "
                    + block.path("path").asString());
        }
        assertThat(rendered).as("operations rendered").containsExactlyInAnyOrderElementsOf(operationsOfTheContract());
        chromium.evaluate("window.scrollTo(0, 0)");
        chromium.screenshot(SCREENSHOTS.resolve("docs.png"));
    }

    @Test
    void tryItOutCallsThisServerWithTheLocalToken() throws Exception {
        String operation = "#operations-Keypairs-createKeypair";
        chromium.evaluate("document.querySelector('" + operation + " .opblock-summary-control').click()");
        chromium.waitUntil("document.querySelector('" + operation + " .execute')", RENDERING,
                "document.querySelector('" + operation + "').innerText.substring(0, 500)");
        chromium.evaluate("document.querySelector('" + operation + " .execute').click()");
        String status = operation + " .live-responses-table tbody .response-col_status";
        chromium.waitUntil("document.querySelector('" + status + "')", RENDERING,
                "document.querySelector('" + operation + "').innerText.substring(0, 1500)");

        assertThat(chromium.evaluate("document.querySelector('" + status + "').textContent.trim()").asString())
                .as("the answer to the example request (createDemo)").isEqualTo("200");
        assertThat(chromium.evaluate("document.querySelector('" + operation + " .live-responses-table').innerText").asString())
                .contains("\"name\": \"demo\"", "BEGIN RSA PRIVATE KEY");
        chromium.evaluate("document.querySelector('" + status + "').scrollIntoView({block: 'center'})");
        chromium.screenshot(SCREENSHOTS.resolve("docs-try-it-out.png"));
        assertThat(chromium.requestedUrls()).contains(origin() + "/v3/0b7a2f3c9d4e45f6a1b2c3d4e5f60718/keypairs");
    }

    @Test
    void thePageAskedNothingOfAnyOtherHost() {
        List<String> urls = chromium.requestedUrls();

        assertThat(urls).contains(origin() + "/docs", origin() + "/openapi/kps.yaml", origin() + "/docs/swagger-ui-bundle.js");
        assertThat(urls).as("requests outside this server")
                .allSatisfy(url -> assertThat(url).matches("(\\Q" + origin() + "/\\E|data:).*"));
        assertThat(chromium.errors()).as("errors the page logged").isEmpty();
    }

    private String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** "operationId method path" of every operation of the contract. */
    @SuppressWarnings("unchecked")
    private static Set<String> operationsOfTheContract() {
        try (InputStream in = DocsInBrowserTest.class.getClassLoader().getResourceAsStream("openapi/kps.yaml")) {
            Map<String, Object> contract = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Set<String> operations = new TreeSet<>();
            ((Map<String, Map<String, Object>>) contract.get("paths")).forEach((path, item) -> item.forEach((method, operation) -> {
                if (operation instanceof Map<?, ?> op && op.containsKey("operationId")) {
                    operations.add(op.get("operationId") + " " + method + " " + path);
                }
            }));
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
