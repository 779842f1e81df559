package org.openkps.server.http;

import org.openkps.server.keypair.KpsError;
import org.springframework.http.HttpStatus;

/**
 * Every error this server answers: its KPS code and HTTP status (KPS's catalogue, see api/REFERENCE.md,
 * with the choices of api/DECISIONS.md). The key-pair core's errors map onto these by {@link #of}.
 */
enum ErrorAnswer {

    /** Any invalid input: schema, JSON syntax, unknown enum, bad key material, duplicate name. */
    PARAMETER_ERROR("KPS.0002", HttpStatus.BAD_REQUEST),
    /** Unknown path: there is no such API. */
    NO_SUCH_API("KPS.0002", HttpStatus.NOT_FOUND),
    /** The path exists, the method does not. */
    METHOD_NOT_ALLOWED("KPS.0002", HttpStatus.METHOD_NOT_ALLOWED),
    /** The caller does not accept JSON. */
    NOT_ACCEPTABLE("KPS.0002", HttpStatus.NOT_ACCEPTABLE),
    /** The body is not JSON. */
    UNSUPPORTED_MEDIA_TYPE("KPS.0002", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    /** The body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE("KPS.0002", HttpStatus.CONTENT_TOO_LARGE),
    /** HTTP asked for something this server does not implement (a method, a transfer coding). */
    NOT_IMPLEMENTED("KPS.0002", HttpStatus.NOT_IMPLEMENTED),
    /** A request in an HTTP version this server does not speak. */
    HTTP_VERSION_NOT_SUPPORTED("KPS.0002", HttpStatus.HTTP_VERSION_NOT_SUPPORTED),
    /** Key pair not found: 404 rather than the catalogue's 400, so Terraform-style clients see "already deleted". */
    KEYPAIR_NOT_FOUND("KPS.4016", HttpStatus.NOT_FOUND),
    /** The key pair hosts no private key. */
    NO_PRIVATE_KEY_HOSTED("KPS.6005", HttpStatus.BAD_REQUEST),
    /** The imported private key does not belong to the public key. */
    PRIVATE_KEY_MISMATCH("KPS.6011", HttpStatus.BAD_REQUEST),
    /** No ECS server of that id in the project. */
    SERVER_NOT_FOUND("KPS.0002", HttpStatus.NOT_FOUND),
    /** Another task for the server has not ended. */
    SERVER_BUSY("KPS.0002", HttpStatus.CONFLICT),
    /** No task of that id. */
    TASK_NOT_FOUND("KPS.0001", HttpStatus.NOT_FOUND),
    /** No failed task of that id. */
    FAILED_TASK_NOT_FOUND("KPS.0005", HttpStatus.NOT_FOUND),
    /** Missing or unknown credentials. */
    AUTHENTICATION_FAILED("KPS.9001", HttpStatus.UNAUTHORIZED),
    /** Valid credentials, another project. */
    NO_PERMISSION("KPS.9003", HttpStatus.FORBIDDEN),
    /** The database does not answer (for the moment): retry after a while. */
    SERVICE_UNAVAILABLE("KPS.0003", HttpStatus.SERVICE_UNAVAILABLE),
    /** Anything unexpected; logged with the request id. */
    INTERNAL_ERROR("KPS.0004", HttpStatus.INTERNAL_SERVER_ERROR);

    private final String code;
    private final HttpStatus status;

    ErrorAnswer(String code, HttpStatus status) {
        this.code = code;
        this.status = status;
    }

    /** How a failure of the key-pair core is answered. */
    static ErrorAnswer of(KpsError error) {
        return switch (error) {
            case INVALID_PARAMETER -> PARAMETER_ERROR;
            case KEYPAIR_NOT_FOUND -> KEYPAIR_NOT_FOUND;
            case NO_PRIVATE_KEY_HOSTED -> NO_PRIVATE_KEY_HOSTED;
            case PRIVATE_KEY_MISMATCH -> PRIVATE_KEY_MISMATCH;
            case SERVER_NOT_FOUND -> SERVER_NOT_FOUND;
            case SERVER_BUSY -> SERVER_BUSY;
            case TASK_NOT_FOUND -> TASK_NOT_FOUND;
            case FAILED_TASK_NOT_FOUND -> FAILED_TASK_NOT_FOUND;
            case NO_PERMISSION -> NO_PERMISSION;
        };
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }
}
