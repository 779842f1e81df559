package org.openkps.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP against the server under test, for what a typed client cannot send: broken JSON,
 * wrong content types, missing credentials.
 */
public final class KpsHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    private final boolean checkResponses;

    /** For a server under {@link KpsServerTest}, whose own filter checks every response against the contract. */
    public KpsHttp(int port) {
        this(port, false);
    }

    private KpsHttp(int port, boolean checkResponses) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.checkResponses = checkResponses;
    }

    /**
     * For a server in another process (no test filter inside): this side checks every response
     * against the contract, through the same {@link SpecConformance}; register
     * {@link SpecConformanceExtension} on the test class to fail on what it finds.
     */
    public static KpsHttp checkingResponses(int port) {
        return new KpsHttp(port, true);
    }

    public URI base() {
        return base;
    }

    /** {@code /v3/{caller's project}/} + path. */
    public static String path(TestCallers.Caller caller, String rest) {
        return "/v3/" + caller.projectId() + "/" + rest;
    }

    public Result get(TestCallers.Caller caller, String rest) {
        return send(request(caller, rest).GET());
    }

    public Result delete(TestCallers.Caller caller, String rest) {
        return send(request(caller, rest).DELETE());
    }

    public Result post(TestCallers.Caller caller, String rest, String json) {
        return send(request(caller, rest).header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Result put(TestCallers.Caller caller, String rest, String json) {
        return send(request(caller, rest).header("Content-Type", "application/json;charset=UTF-8")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A request to the caller's project with the caller's token; null caller sends no token. */
    public HttpRequest.Builder request(TestCallers.Caller caller, String rest) {
        String project = caller == null ? TestCallers.PROJECT : caller.projectId();
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve("/v3/" + project + "/" + rest));
        if (caller != null) {
            builder.header("X-Auth-Token", caller.token());
        }
        return builder;
    }

    public HttpRequest.Builder request(String absolutePath) {
        return HttpRequest.newBuilder(base.resolve(absolutePath));
    }

    public Result send(HttpRequest.Builder request) {
        try {
            HttpRequest built = request.build();
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            if (checkResponses) {
                check(built, response);
            }
            return new Result(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(HttpRequest sent, HttpResponse<byte[]> response) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(sent.method(), sent.uri().getRawPath());
        sent.headers().map().forEach(request::withHeader);
        if (sent.uri().getRawQuery() != null) {
            UriComponentsBuilder.newInstance().query(sent.uri().getRawQuery()).build(true).getQueryParams()
                    .forEach(request::withQueryParam);
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> answer.withHeader(name, values.toArray(String[]::new)));
        response.headers().firstValue("Content-Type").ifPresent(answer::withContentType);
        if (response.body().length > 0) {
            answer.withBody(response.body());
        }
        Request exchange = request.build();
        SpecConformance.check(exchange, answer.build(), new String(response.body(), StandardCharsets.UTF_8),
                SpecConformance.inContract(exchange));
    }

    /** What came back. */
    public record Result(HttpResponse<byte[]> response) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            return response.body();
        }

        public JsonNode json() {
            return JSON.readTree(response.body());
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String errorCode() {
            return json().path("error_code").asString();
        }

        public String errorMsg() {
            return json().path("error_msg").asString();
        }
    }
}
