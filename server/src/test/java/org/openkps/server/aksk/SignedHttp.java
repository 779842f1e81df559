package org.openkps.server.aksk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.TestCallers.Caller;
import org.openkps.signing.Authorization;
import org.openkps.signing.SdkHmacSha256;
import org.openkps.signing.SignableRequest;
import org.openkps.signing.Signer;

/**
 * Hand-made AK/SK requests: a {@link Draft} is signed with {@link Signer} and sent with
 * java.net.http, so that a test can sign one request and send another. HTTP/1.1 only, so that a
 * body of unknown length really goes chunked.
 */
final class SignedHttp {

    private final KpsHttp http;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    SignedHttp(int port) {
        this.http = new KpsHttp(port);
    }

    /** What java.net.http sends as {@code Host} (and so what is signed). */
    String host() {
        return http.base().getAuthority();
    }

    /** An unsigned request; {@code pathAndQuery} is absolute, e.g. {@code /v3/p/keypairs?limit=1}. */
    static Draft draft(String method, String pathAndQuery) {
        return new Draft(method, pathAndQuery, Map.of(), null, false);
    }

    /** {@code rest} of {@code /v3/{caller's project}/}, with a JSON body when {@code json} is not null. */
    static Draft draft(Caller caller, String method, String rest, String json) {
        Draft draft = draft(method, KpsHttp.path(caller, rest));
        return json == null ? draft : draft.with("Content-Type", "application/json;charset=UTF-8").withBody(json);
    }

    /** The draft plus {@code X-Sdk-Date} and {@code Authorization}, signed as the SDK signs. */
    Draft sign(Draft draft, String accessKey, String secretKey, Clock clock) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        draft.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        Map<String, String> added = new Signer(accessKey, secretKey, clock)
                .sign(draft.method(), uri(draft), headers, draft.bodyBytes());
        Draft signed = draft;
        for (Map.Entry<String, String> header : added.entrySet()) {
            signed = signed.with(header.getKey(), header.getValue());
        }
        return signed;
    }

    Draft sign(Draft draft, Caller caller) {
        return sign(draft, caller.accessKey(), caller.secretKey(), Clock.systemUTC());
    }

    /** Signs and sends a request of the caller to its own project. */
    KpsHttp.Result send(Caller caller, String method, String rest, String json) {
        return send(sign(draft(caller, method, rest, json), caller));
    }

    KpsHttp.Result send(Draft draft) {
        HttpRequest.BodyPublisher body;
        if (draft.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (draft.chunked()) {
            // No length known up front: HTTP/1.1 sends it with Transfer-Encoding: chunked.
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(draft.body()));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(draft.body());
        }
        HttpRequest.Builder request = http.request(draft.pathAndQuery()).method(draft.method(), body);
        draft.headers().forEach(request::header);
        try {
            return new KpsHttp.Result(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs exactly {@code signedHeaders} (lowercase names, {@code host} included or not), dated
     * {@code at}: what a client that leaves headers out of the signature would send.
     */
    Draft signOnly(Draft draft, Caller caller, List<String> signedHeaders, Instant at) {
        Draft dated = draft.with(SdkHmacSha256.X_SDK_DATE, SdkHmacSha256.formatSdkDate(at));
        String signature = SdkHmacSha256.sign(asArriving(dated), signedHeaders, caller.secretKey());
        return dated.with("Authorization",
                new Authorization(caller.accessKey(), signedHeaders, signature).toHeaderValue());
    }

    /**
     * The signature the server computes for this request as it will arrive (its headers plus
     * {@code Host}), under {@code secretKey}; empty when the request cannot be canonicalized at all.
     */
    Optional<String> signatureServerExpects(Draft sent, String secretKey) {
        try {
            Authorization authorization = Authorization.parse(sent.header("Authorization"));
            return Optional.of(SdkHmacSha256.sign(asArriving(sent), authorization.signedHeaders(), secretKey));
        } catch (RuntimeException notCanonicalizable) {
            return Optional.empty();
        }
    }

    /** The request as the server will see it: the draft's headers plus the {@code Host} java.net.http adds. */
    private SignableRequest asArriving(Draft draft) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        draft.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("Host", List.of(host()));
        URI uri = uri(draft);
        return new SignableRequest(draft.method(), uri.getRawPath(), uri.getRawQuery(), headers, draft.bodyBytes());
    }

    private URI uri(Draft draft) {
        return http.base().resolve(draft.pathAndQuery());
    }

    /** A request to send: what a test signs, and then perhaps changes. Header names keep their case. */
    record Draft(String method, String pathAndQuery, Map<String, String> headers, byte[] body, boolean chunked) {

        Draft {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        Draft with(String header, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.keySet().removeIf(name -> name.equalsIgnoreCase(header));
            copy.put(header, value);
            return new Draft(method, pathAndQuery, copy, body, chunked);
        }

        Draft without(String header) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.keySet().removeIf(name -> name.equalsIgnoreCase(header));
            return new Draft(method, pathAndQuery, copy, body, chunked);
        }

        Draft withBody(String json) {
            return new Draft(method, pathAndQuery, headers, json.getBytes(StandardCharsets.UTF_8), chunked);
        }

        Draft withMethod(String newMethod) {
            return new Draft(newMethod, pathAndQuery, headers, body, chunked);
        }

        Draft withPathAndQuery(String newPathAndQuery) {
            return new Draft(method, newPathAndQuery, headers, body, chunked);
        }

        /** The same request, with its body streamed: no Content-Length, Transfer-Encoding: chunked. */
        Draft asChunked() {
            return new Draft(method, pathAndQuery, headers, body, true);
        }

        byte[] bodyBytes() {
            return body == null ? new byte[0] : body;
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }
}
