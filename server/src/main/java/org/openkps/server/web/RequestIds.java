package org.openkps.server.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

/** Where the request id of the current request lives. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    public static final String MDC_KEY = "requestId";

    private RequestIds() {
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? "" : id.toString();
    }
}
