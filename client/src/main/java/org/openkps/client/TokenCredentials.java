package org.openkps.client;

import java.net.http.HttpRequest;

/** An IAM token (or an openkps configured token), sent as {@code X-Auth-Token}. */
final class TokenCredentials implements Credentials {

    static final String HEADER = "X-Auth-Token";

    private final String token;

    TokenCredentials(String token) {
        // The messages never quote the token: it is a secret.
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token is required");
        }
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("token must be printable ASCII without spaces or line breaks");
        }
        this.token = token;
    }

    @Override
    public void authenticate(HttpRequest.Builder request) {
        // setHeader, not header: a caller's own X-Auth-Token in the per-call headers must not
        // end up as a second value next to ours.
        request.setHeader(HEADER, token);
    }

    @Override
    public String toString() {
        return "token";
    }
}
