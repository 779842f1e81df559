package org.openkps.server.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;

import org.openkps.server.http.RequestSizeLimitFilter.PayloadTooLargeException;
import org.openkps.server.http.RequestSizeLimitFilter.RequestTimeoutException;
import org.openkps.server.keypair.KpsException;
import org.openkps.server.keypair.UntrustedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * The one place where failures become KPS error bodies: every failure answers
 * {@code {"error_code","error_msg"}} with its status, and nothing internal (stack traces, class
 * names, SQL) reaches the caller.
 */
@RestControllerAdvice
class KpsExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(KpsExceptionHandler.class);

    private static final String RETRY_AFTER_SECONDS = "2";

    private final ErrorResponseWriter errors;

    KpsExceptionHandler(ErrorResponseWriter errors) {
        this.errors = errors;
    }

    @ExceptionHandler(KpsException.class)
    void kps(KpsException e, HttpServletResponse response) throws IOException {
        errors.write(response, ErrorAnswer.of(e.error()), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    void invalidBody(MethodArgumentNotValidException e, HttpServletResponse response) throws IOException {
        String message = e.getBindingResult().getFieldErrors().stream()
                .map(error -> JsonNames.of(error.getField()) + ": " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        errors.write(response, ErrorAnswer.PARAMETER_ERROR, message.isEmpty() ? "the request body is not valid" : message);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    void invalidParameters(HandlerMethodValidationException e, HttpServletResponse response) throws IOException {
        String message = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> describe(result.getMethodParameter(), result.getContainerIndex(), error)))
                .sorted()
                .collect(Collectors.joining("; "));
        errors.write(response, ErrorAnswer.PARAMETER_ERROR, message);
    }

    private static String describe(MethodParameter parameter, Integer index, MessageSourceResolvable error) {
        String name = parameter.hasParameterAnnotation(RequestBody.class) ? "body" : JsonNames.of(parameter.getParameterName());
        String where = index == null ? name : name + "[" + index + "]";
        if (error instanceof FieldError field) {
            where = where + "." + JsonNames.of(field.getField());
        }
        return where + ": " + error.getDefaultMessage();
    }

    @ExceptionHandler(ConstraintViolationException.class)
    void constraintViolation(ConstraintViolationException e, HttpServletResponse response) throws IOException {
        String message = e.getConstraintViolations().stream()
                .map(v -> JsonNames.of(v) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        errors.write(response, ErrorAnswer.PARAMETER_ERROR, message);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletResponse response) throws IOException {
        PayloadTooLargeException tooLarge = causeOf(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            errors.write(response, ErrorAnswer.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            return;
        }
        RequestTimeoutException timedOut = causeOf(e, RequestTimeoutException.class);
        if (timedOut != null) {
            errors.write(response, ErrorAnswer.REQUEST_TIMEOUT, timedOut.getMessage());
            return;
        }
        errors.write(response, ErrorAnswer.PARAMETER_ERROR, unreadableMessage(e));
    }

    private static String unreadableMessage(HttpMessageNotReadableException e) {
        JacksonException json = causeOf(e, JacksonException.class);
        if (json == null) {
            return "the request body is missing or not readable";
        }
        if (json instanceof StreamReadException) {
            return "the request body is not valid JSON";
        }
        String path = JsonNames.path(json.getPath());
        String where = path.isEmpty() ? "the request body" : path;
        if (json instanceof ValueInstantiationException instantiation && instantiation.getType().isEnumType()) {
            return where + ": must be one of " + enumValues(instantiation.getType().getRawClass());
        }
        if (json instanceof InvalidFormatException invalid) {
            String allowed = invalid.getTargetType() != null && invalid.getTargetType().isEnum()
                    ? "; must be one of " + enumValues(invalid.getTargetType()) : "";
            return where + ": " + UntrustedText.quote(invalid.getValue()) + " is not a valid value" + allowed;
        }
        if (json instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return where + ": expected " + JsonNames.jsonType(mismatched.getTargetType());
        }
        return where + ": not a valid value";
    }

    // The generated enums print their wire values.
    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void typeMismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response) throws IOException {
        errors.write(response, ErrorAnswer.PARAMETER_ERROR,
                e.getName() + ": " + UntrustedText.quote(e.getValue()) + " is not a valid value");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    void missingParameter(MissingServletRequestParameterException e, HttpServletResponse response) throws IOException {
        errors.write(response, ErrorAnswer.PARAMETER_ERROR, e.getParameterName() + ": is required");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    void unsupportedMediaType(HttpMediaTypeNotSupportedException e, HttpServletResponse response) throws IOException {
        String given = e.getContentType() == null ? "none" : "'" + e.getContentType() + "'";
        errors.write(response, ErrorAnswer.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + given + " is not supported; send application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletResponse response) throws IOException {
        errors.write(response, ErrorAnswer.NOT_ACCEPTABLE, "this API answers with application/json; check the Accept header");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    void methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request,
                          HttpServletResponse response) throws IOException {
        if (e.getSupportedHttpMethods() != null) {
            response.setHeader(HttpHeaders.ALLOW, e.getSupportedHttpMethods().stream()
                    .map(Object::toString).collect(Collectors.joining(", ")));
        }
        errors.write(response, ErrorAnswer.METHOD_NOT_ALLOWED,
                "method " + UntrustedText.quote(request.getMethod()) + " is not allowed here; allowed: "
                        + Objects.requireNonNullElse(response.getHeader(HttpHeaders.ALLOW), "none"));
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    void noSuchApi(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(response, ErrorAnswer.NO_SUCH_API, "no such API: " + request.getMethod() + " " + UntrustedText.printable(request.getRequestURI()));
    }

    /**
     * The database is down or out of reach: a KPS-shaped 503 at once (the pool waits 2 s for a connection,
     * not 30), with the time after which a retry is worth it. Nothing was acknowledged, so nothing is lost.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessException.class})
    void storeUnavailable(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.warn("request {} {}: the database is unavailable: {}", request.getMethod(), request.getRequestURI(),
                e.getClass().getSimpleName());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        errors.write(response, ErrorAnswer.SERVICE_UNAVAILABLE,
                "the key pair store is unavailable for the moment; retry after " + RETRY_AFTER_SECONDS + " seconds");
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = RequestIds.of(request);
        log.error("request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        errors.write(response, ErrorAnswer.INTERNAL_ERROR, "internal error; quote request id " + id);
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
