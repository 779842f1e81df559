package org.openkps.server.http;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/** Where the request id of the current request lives. */
final class RequestIds {

    static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    static final String MDC_KEY = "requestId";

    private RequestIds() {
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? "" : id.toString();
    }
}
