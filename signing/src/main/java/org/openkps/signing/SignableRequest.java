package org.openkps.signing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of an HTTP request that SDK-HMAC-SHA256 covers, as plain values (no servlet or HTTP-client types).
 *
 * @param method   HTTP method exactly as sent, e.g. {@code GET}
 * @param rawPath  the path as it is on the wire, still percent-encoded (e.g. {@code /v3/p/keypairs/a%20b});
 *                 {@code null} or empty means no path
 * @param rawQuery the query as it is on the wire, without the {@code ?}, still percent-encoded;
 *                 {@code null} or empty means no query
 * @param headers  request headers; names are matched case-insensitively and only the first value counts
 * @param body     the body bytes exactly as sent ({@code null} means empty); not copied, so don't mutate it
 */
public record SignableRequest(String method, String rawPath, String rawQuery,
                              Map<String, List<String>> headers, byte[] body) {

    private static final byte[] EMPTY = new byte[0];

    public SignableRequest {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("method is required");
        }
        rawPath = rawPath == null ? "" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = caseInsensitiveCopy(headers);
        body = body == null ? EMPTY : body;
    }

    /** First value of a header (case-insensitive name), or {@code null} when the request doesn't carry it. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    // HTTP header names are case-insensitive; names differing only in case are merged in arrival order
    // so that "first value" stays well defined.
    private static Map<String, List<String>> caseInsensitiveCopy(Map<String, List<String>> in) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (in != null) {
            in.forEach((name, values) -> {
                if (name == null || values == null) {
                    return;
                }
                List<String> merged = out.computeIfAbsent(name, k -> new ArrayList<>());
                for (String v : values) {
                    if (v != null) {
                        merged.add(v);
                    }
                }
            });
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }
}
