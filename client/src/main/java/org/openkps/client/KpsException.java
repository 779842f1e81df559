package org.openkps.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.openkps.client.invoker.ApiClient;
import org.openkps.client.invoker.ApiException;

/**
 * A non-2xx answer from KPS. It extends the generated {@link ApiException} so that it passes
 * through the generated method signatures; catch it to read the KPS error.
 *
 * <p>For a KPS error body ({@code {"error_code": "...", "error_msg": "..."}}) the message reads
 * {@code KPS.4016 (HTTP 404): key pair 'demo' does not exist [request id 4c8f...]}. For any other
 * body (a proxy's HTML page, an empty body) {@link #getErrorCode()} and {@link #getErrorMsg()} are
 * {@code null} and the message quotes the status and the start of the body.
 */
public class KpsException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** How much of a body that is not a KPS error goes into the message. */
    static final int BODY_EXCERPT_CHARS = 200;

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String operationId;
    private final String errorCode;
    private final String errorMsg;
    private final String requestId;

    KpsException(String operationId, int status, String errorCode, String errorMsg, String requestId,
                 HttpHeaders headers, String body) {
        super(status, message(operationId, status, errorCode, errorMsg, requestId, headers, body), headers, body);
        this.operationId = operationId;
        this.errorCode = errorCode;
        this.errorMsg = errorMsg;
        this.requestId = requestId;
    }

    /** Reads (and closes) the body of a non-2xx response; called by the generated API subclasses. */
    static KpsException from(String operationId, HttpResponse<InputStream> response) throws IOException {
        String body = null;
        try (InputStream in = ApiClient.getResponseBody(response)) {
            if (in != null) {
                // Explicit UTF-8: the generated default decodes with the platform charset.
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        HttpHeaders headers = response.headers();
        JsonNode error = parseObject(body);
        String errorCode = null;
        String errorMsg = null;
        if (error != null && error.path("error_code").isTextual() && error.path("error_msg").isTextual()) {
            // No check of the "KPS." prefix: Huawei's API gateway answers with the same shape
            // ("APIGW.0301", ...) and that is just as useful to the caller.
            errorCode = error.get("error_code").asText();
            errorMsg = error.get("error_msg").asText();
        }
        String requestId = headers.firstValue(REQUEST_ID_HEADER).orElse(null);
        if (requestId == null && error != null && error.path("request_id").isTextual()) {
            requestId = error.get("request_id").asText(); // the cloud's gateway puts it in the body
        }
        return new KpsException(operationId, response.statusCode(), errorCode, errorMsg, requestId, headers, body);
    }

    private static JsonNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String message(String operationId, int status, String errorCode, String errorMsg,
                                  String requestId, HttpHeaders headers, String body) {
        StringBuilder m = new StringBuilder();
        if (errorCode != null) {
            m.append(errorCode).append(" (HTTP ").append(status).append("): ").append(errorMsg);
        } else {
            m.append("HTTP ").append(status).append(" from ").append(operationId).append(", not a KPS error: ");
            if (body == null || body.isBlank()) {
                m.append("empty body");
            } else {
                String type = headers == null ? null : headers.firstValue("Content-Type").orElse(null);
                m.append(type == null ? "body" : type + " body").append(" '").append(excerpt(body)).append('\'');
            }
        }
        if (requestId != null) {
            m.append(" [request id ").append(requestId).append(']');
        }
        return m.toString();
    }

    /** One line, at most {@link #BODY_EXCERPT_CHARS} characters: enough to recognise the page. */
    static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= BODY_EXCERPT_CHARS ? line : line.substring(0, BODY_EXCERPT_CHARS) + "...";
    }

    /** The HTTP status; the same as {@link #getCode()}. */
    public int getStatus() {
        return getCode();
    }

    /** The KPS error code, such as {@code KPS.4016}; {@code null} if the body was not a KPS error. */
    public String getErrorCode() {
        return errorCode;
    }

    /** The KPS error message; {@code null} if the body was not a KPS error. */
    public String getErrorMsg() {
        return errorMsg;
    }

    /** The {@code X-Request-Id} of the answer, to quote when reporting a problem; may be {@code null}. */
    public String getRequestId() {
        return requestId;
    }

    /** The operation that failed, such as {@code showKeypair}. */
    public String getOperationId() {
        return operationId;
    }
}
