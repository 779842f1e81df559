package org.openkps.signing;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Client side: signs an outgoing request the way the official SDK does and returns the headers to add.
 *
 * <p>Signed: every header the caller passes (pass exactly the headers you will send) except
 * {@code Content-Type}, {@code Authorization} and names containing {@code _}, plus {@code host} and
 * {@code x-sdk-date}. Thread-safe.
 */
public final class Signer {

    private final String accessKey;
    private final String secretKey;
    private final Clock clock;

    public Signer(String accessKey, String secretKey, Clock clock) {
        if (accessKey == null || accessKey.isEmpty()) {
            throw new IllegalArgumentException("access key is required");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("secret key is required");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.clock = clock;
    }

    public Signer(String accessKey, String secretKey) {
        this(accessKey, secretKey, Clock.systemUTC());
    }

    /**
     * Signs a request.
     *
     * @param uri     the full request URI exactly as it will be sent (its raw path and query are signed)
     * @param headers the headers that will be sent, may be {@code null}; {@code Host} is taken from it if
     *                present, else from the URI; an existing {@code X-Sdk-Date} is used instead of the clock
     * @param body    the body bytes, {@code null} for none
     * @return the headers to add, in order: {@code X-Sdk-Date} (unless the caller supplied it) and
     *         {@code Authorization}. {@code Host} is not returned: HTTP clients set it themselves (and
     *         java.net.http forbids setting it) to the same value that was signed.
     */
    public Map<String, String> sign(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null && values != null && !values.isEmpty()) {
                    all.putIfAbsent(name, values);
                }
            });
        }
        all.putIfAbsent("Host", List.of(hostHeader(uri)));
        Map<String, String> added = new LinkedHashMap<>();
        if (!all.containsKey(SdkHmacSha256.X_SDK_DATE)) {
            String date = SdkHmacSha256.formatSdkDate(clock.instant());
            all.put(SdkHmacSha256.X_SDK_DATE, List.of(date));
            added.put(SdkHmacSha256.X_SDK_DATE, date);
        }

        List<String> signed = headersToSign(all.keySet());
        SignableRequest req = new SignableRequest(method, uri.getRawPath(), uri.getRawQuery(), all, body);
        String signature = SdkHmacSha256.sign(req, signed, secretKey);
        added.put("Authorization", new Authorization(accessKey, signed, signature).toHeaderValue());
        return added;
    }

    /** Lowercase, sorted names of the headers the SDK would sign among those sent. */
    static List<String> headersToSign(Iterable<String> headerNames) {
        TreeMap<String, Boolean> names = new TreeMap<>();
        for (String name : headerNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            // Content-Type is never signed by the SDK; Authorization carries the signature itself; names
            // with '_' are dropped by many proxies (nginx by default), which would break the signature.
            if (lower.equals("content-type") || lower.equals("authorization") || lower.contains("_")) {
                continue;
            }
            names.put(lower, Boolean.TRUE);
        }
        return new ArrayList<>(names.keySet());
    }

    /**
     * The {@code Host} value an HTTP client sends for this URI: the host, plus {@code :port} when the port is
     * explicit and not the scheme's default (what java.net.http sends; e.g. {@code localhost:8080}).
     */
    static String hostHeader(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("URI has no host: " + uri);
        }
        int port = uri.getPort();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1
                || (scheme.equals("http") && port == 80)
                || (scheme.equals("https") && port == 443);
        return defaultPort ? host : host + ":" + port;
    }
}
