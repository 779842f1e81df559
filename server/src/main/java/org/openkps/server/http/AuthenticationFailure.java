package org.openkps.server.http;

/** Credentials missing or not accepted: 401 {@code KPS.9001} with a message for an honest client. */
class AuthenticationFailure extends Exception {

    AuthenticationFailure(String message) {
        super(message, null, false, false);
    }
}
