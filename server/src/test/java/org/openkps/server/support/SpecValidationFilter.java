package org.openkps.server.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sits outside every other filter of the server under test and hands each exchange to
 * {@link SpecConformance}: whatever a test uses to call (raw HTTP, the generated client, the
 * official SDK), the response it gets has been checked against the contract.
 */
public class SpecValidationFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapped);
        } finally {
            judge(request, wrapped);
            wrapped.copyBodyToResponse();
        }
    }

    private static void judge(HttpServletRequest request, ContentCachingResponseWrapper wrapped) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(wrapped.getStatus());
        for (String name : wrapped.getHeaderNames()) {
            answer.withHeader(name, wrapped.getHeaders(name).toArray(String[]::new));
        }
        if (wrapped.getContentType() != null) {
            answer.withContentType(wrapped.getContentType());
        }
        byte[] body = wrapped.getContentAsByteArray();
        if (body.length > 0) {
            answer.withBody(body);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Request exchangeRequest = request(request);
        if (exchangeRequest == null) {
            SpecConformance.checkOffContract(request.getMethod(), request.getRequestURI(), answer.build(), text);
        } else {
            SpecConformance.check(exchangeRequest, answer.build(), text, SpecConformance.inContract(exchangeRequest));
        }
    }

    /** The request as the validator models it, or null when it cannot (a method HTTP does not define). */
    private static Request request(HttpServletRequest request) {
        SimpleRequest.Builder builder;
        try {
            builder = new SimpleRequest.Builder(request.getMethod(), request.getRequestURI());
        } catch (IllegalArgumentException unknownMethod) {
            return null;
        }
        for (String name : Collections.list(request.getHeaderNames())) {
            builder.withHeader(name, Collections.list(request.getHeaders(name)));
        }
        if (request.getQueryString() != null) {
            try {
                UriComponentsBuilder.newInstance().query(request.getQueryString()).build(true).getQueryParams()
                        .forEach((name, values) -> builder.withQueryParam(name, values));
            } catch (IllegalArgumentException brokenEncoding) {
                // The server must refuse such a query; its answer is judged without the parameters.
            }
        }
        return builder.build();
    }
}
