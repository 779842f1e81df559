package org.openkps.server.association;

/** Why a server could not be changed; the message says what went wrong and never holds a secret. */
public class ServerAccessException extends RuntimeException {

    /** What kind of failure, which decides the task's KPS error code. */
    public enum Reason {
        /** Could not connect, or the connection broke. */
        UNREACHABLE,
        /** The server did not answer in time. */
        TIMEOUT,
        /** The server refused the login. */
        LOGIN_REFUSED,
        /** The server's host key is not the one expected. */
        HOST_KEY_MISMATCH,
        /** Logged in, but reading or writing the file failed. */
        FILE_ERROR
    }

    private final Reason reason;

    public ServerAccessException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
