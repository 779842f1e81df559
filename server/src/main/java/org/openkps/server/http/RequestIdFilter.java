package org.openkps.server.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, sent back as {@code X-Request-Id} on every response (errors
 * included) and put in the log context, so that a caller can quote it and we can find it.
 */
class RequestIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // An error dispatch keeps the id its request got on the way in; one that Tomcat started itself
        // (a request it refused before any filter ran, such as TRACE) gets its first id here.
        String id = RequestIds.of(request);
        if (id.isEmpty()) {
            id = RequestIds.newId();
            request.setAttribute(RequestIds.ATTRIBUTE, id);
        }
        response.setHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
