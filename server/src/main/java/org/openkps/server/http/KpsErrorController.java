package org.openkps.server.http;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what reaches the servlet container's error page, failures that happen outside Spring
 * MVC, with the KPS error body instead of the default error page.
 */
@RestController
class KpsErrorController implements ErrorController {

    private final ErrorResponseWriter errors;

    KpsErrorController(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // No error status: someone asked for the error path itself, which is no API.
        int status = code instanceof Integer i ? i : 404;
        errors.write(response, errorFor(status), bodyFor(status, response.getHeader("X-Request-Id")).errorMsg());
    }

    /** The KPS error body for an HTTP error status that no handler described better. */
    static ErrorBody bodyFor(int status, String requestId) {
        ErrorAnswer error = errorFor(status);
        String message = switch (error) {
            case INTERNAL_ERROR -> "internal error; quote request id " + requestId;
            case NOT_IMPLEMENTED -> "this server does not implement what the request asks for (HTTP 501): "
                    + "an unknown method, or a Transfer-Encoding other than chunked";
            case REQUEST_TIMEOUT -> "the request did not arrive within the server's read timeout (HTTP 408)";
            case HTTP_VERSION_NOT_SUPPORTED -> "this server speaks HTTP/1.1 (and 1.0, 2); "
                    + "the request's HTTP version is not supported (HTTP 505)";
            default -> "the request could not be handled (HTTP " + status + ")";
        };
        return ErrorBody.of(error, message);
    }

    private static ErrorAnswer errorFor(int status) {
        return switch (status) {
            case 401 -> ErrorAnswer.AUTHENTICATION_FAILED;
            case 403 -> ErrorAnswer.NO_PERMISSION;
            case 404 -> ErrorAnswer.NO_SUCH_API;
            case 405 -> ErrorAnswer.METHOD_NOT_ALLOWED;
            case 408 -> ErrorAnswer.REQUEST_TIMEOUT;
            case 413 -> ErrorAnswer.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorAnswer.UNSUPPORTED_MEDIA_TYPE;
            case 501 -> ErrorAnswer.NOT_IMPLEMENTED;
            case 505 -> ErrorAnswer.HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 400 && status < 500 ? ErrorAnswer.PARAMETER_ERROR : ErrorAnswer.INTERNAL_ERROR;
        };
    }
}
