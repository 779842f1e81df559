package org.openkps.signing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders shared by the tests. */
final class TestRequests {

    static final String SDK_DATE = "20191115T033655Z";
    static final String HOST = "service.region.example.com";

    private TestRequests() {
    }

    /** Headers from name/value pairs, one value each. */
    static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return h;
    }

    static SignableRequest request(String method, String path, String query, String body, String... nameValues) {
        return new SignableRequest(method, path, query, headers(nameValues),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }
}
