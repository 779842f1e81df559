package org.openkps.server.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the KPS error body straight to the response: from the servlet filters, which run before
 * Spring MVC, and from the exception handler, so that no content negotiation can turn an error into
 * another error.
 */
class ErrorResponseWriter {

    private final JsonMapper jsonMapper;

    ErrorResponseWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    void write(HttpServletResponse response, ErrorAnswer error, String message) throws IOException {
        write(response, error.status().value(), ErrorBody.of(error, message));
    }

    /** An error the server did not meet but was told to answer: a fault rule's. */
    void write(HttpServletResponse response, int status, ErrorBody body) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), body);
    }
}
