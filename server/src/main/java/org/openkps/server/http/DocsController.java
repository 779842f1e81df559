package org.openkps.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.openkps.server.http.PublishedContracts.Contract;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What a person's browser gets from the server besides the API, with no credentials: the contracts
 * ({@code /openapi/kps.yaml}, ...), and their reference rendered by Swagger UI at {@code /docs}, which
 * {@code /} leads to. Swagger UI comes from its WebJar, so the page needs no internet, and its policy lets
 * it load and call nothing but this server. With the documented local credential (no
 * {@code kps.credentials} configured) "Try it out" has the local token filled in; configured
 * credentials never reach the page.
 */
@Controller
class DocsController {

    private static final String PAGE = "docs/index.html";
    private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/";
    /** The WebJar's files the page uses; nothing else of it is served (its own index loads a petstore). */
    private static final Map<String, MediaType> SWAGGER_UI_ASSETS = Map.of(
            "swagger-ui.css", MediaType.parseMediaType("text/css"),
            "swagger-ui-bundle.js", MediaType.parseMediaType("text/javascript"),
            "swagger-ui-standalone-preset.js", MediaType.parseMediaType("text/javascript"),
            "favicon-32x32.png", MediaType.IMAGE_PNG,
            "favicon-16x16.png", MediaType.IMAGE_PNG);
    private static final String OWN_SCRIPT = "openkps-docs.js";
    /** Scripts and styles from this server only, and calls to it only; Swagger UI sets inline styles and data: icons. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final PublishedContracts contracts;
    private final String swaggerUi;
    private final String page;

    DocsController(CredentialRegistry credentials) {
        this.contracts = new PublishedContracts();
        this.swaggerUi = SWAGGER_UI + swaggerUiVersion() + "/";
        // At start-up, not on the first visit: a WebJar without a file the page needs.
        SWAGGER_UI_ASSETS.keySet().stream().filter(asset -> !new ClassPathResource(swaggerUi + asset).exists())
                .findFirst().ifPresent(asset -> {
                    throw new IllegalStateException("the Swagger UI WebJar has no " + asset);
                });
        this.page = render(contracts, credentials.localToken().orElse(null));
    }

    @GetMapping("/")
    ResponseEntity<Void> root() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/docs")).build();
    }

    @GetMapping("/docs")
    ResponseEntity<String> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .body(page);
    }

    @GetMapping("/docs/{asset}")
    ResponseEntity<Resource> asset(@PathVariable String asset, HttpServletRequest request) throws NoResourceFoundException {
        if (asset.equals(OWN_SCRIPT)) {
            return file(new ClassPathResource("docs/" + OWN_SCRIPT), MediaType.parseMediaType("text/javascript"));
        }
        MediaType type = SWAGGER_UI_ASSETS.get(asset);
        if (type == null) {
            throw notFound(request);
        }
        return file(new ClassPathResource(swaggerUi + asset), type);
    }

    @GetMapping("/openapi/{file}")
    ResponseEntity<Resource> contract(@PathVariable String file, HttpServletRequest request) throws NoResourceFoundException {
        Contract contract = contracts.byFile(file).orElseThrow(() -> notFound(request));
        return ResponseEntity.ok()
                .contentType(new MediaType(contract.mediaType(), StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .body(contract.resource());
    }

    private static ResponseEntity<Resource> file(Resource resource, MediaType type) {
        return ResponseEntity.ok().contentType(type).header("X-Content-Type-Options", "nosniff").body(resource);
    }

    private static NoResourceFoundException notFound(HttpServletRequest request) {
        return new NoResourceFoundException(HttpMethod.valueOf(request.getMethod()), request.getRequestURI(), request.getRequestURI());
    }

    /**
     * The page: which contracts to render and, with the local credential only, its public token, as data
     * attributes that the page's own script reads (no inline script: the policy allows none).
     */
    private static String render(PublishedContracts contracts, String localToken) {
        String list = contracts.rendered().stream()
                .map(c -> "{\"url\":\"" + c.url() + "\",\"name\":\"" + c.title() + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        String token = localToken == null ? "" : " data-local-token=\"" + attribute(localToken) + "\"";
        return text(new ClassPathResource(PAGE))
                .replace("{{contracts}}", attribute(list))
                .replace(" {{local-token}}", token);
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;")
                .replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String swaggerUiVersion() {
        Properties pom = new Properties();
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
            pom.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("the Swagger UI WebJar (org.webjars:swagger-ui) is not on the classpath", e);
        }
        return pom.getProperty("version");
    }

    private static String text(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
