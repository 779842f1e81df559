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
            Request exchangeRequest = request(request);
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
            SpecConformance.check(exchangeRequest, answer.build(), new String(body, StandardCharsets.UTF_8),
                    SpecConformance.inContract(exchangeRequest));
            wrapped.copyBodyToResponse();
        }
    }

    private static Request request(HttpServletRequest request) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(request.getMethod(), request.getRequestURI());
        for (String name : Collections.list(request.getHeaderNames())) {
            builder.withHeader(name, Collections.list(request.getHeaders(name)));
        }
        if (request.getQueryString() != null) {
            UriComponentsBuilder.newInstance().query(request.getQueryString()).build(true).getQueryParams()
                    .forEach((name, values) -> builder.withQueryParam(name, values));
        }
        return builder.build();
    }
}
