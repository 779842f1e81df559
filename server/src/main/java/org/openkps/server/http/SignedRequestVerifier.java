package org.openkps.server.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.openkps.server.KpsSettings.Credential;
import org.openkps.signing.Authorization;
import org.openkps.signing.SdkHmacSha256;
import org.openkps.signing.SignableRequest;
import org.openkps.signing.SignatureException;

/**
 * Verifies AK/SK signed requests ({@code SDK-HMAC-SHA256}) exactly as Huawei Cloud's SDKs sign
 * them. Failures say what an honest client got wrong, never the expected signature or a secret.
 */
class SignedRequestVerifier {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final CredentialRegistry credentials;
    private final Clock clock;

    SignedRequestVerifier(CredentialRegistry credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A verified request, with its body read once and kept for the application. */
    record Verified(Credential credential, HttpServletRequest request) {
    }

    Verified verify(HttpServletRequest request, String authorizationHeader) throws AuthenticationFailure, IOException {
        Authorization authorization;
        try {
            authorization = Authorization.parse(authorizationHeader);
        } catch (SignatureException e) {
            throw new AuthenticationFailure(e.getMessage());
        }
        Credential credential = credentials.byAccessKey(authorization.accessKey())
                .filter(c -> c.secretKey() != null)
                .orElseThrow(() -> new AuthenticationFailure("the access key is not known"));
        checkDate(request, authorization);
        for (String name : authorization.signedHeaders()) {
            if (request.getHeader(name) == null) {
                throw new AuthenticationFailure("signed header '" + name + "' is missing from the request");
            }
        }
        // Chunked or not, the body is what arrived; the size limit was applied before.
        byte[] body = request.getInputStream().readAllBytes();
        SignableRequest signable = new SignableRequest(request.getMethod(), request.getRequestURI(),
                request.getQueryString(), headers(request, authorization.signedHeaders()), body);
        boolean valid;
        try {
            valid = SdkHmacSha256.verify(signable, authorization, credential.secretKey());
        } catch (SignatureException e) {
            throw new AuthenticationFailure(e.getMessage());
        }
        if (!valid) {
            throw new AuthenticationFailure("the signature does not match the request: sign the method, path, "
                    + "query, signed headers and body exactly as sent, with the secret key of this access key");
        }
        checkDeclaredPayloadHash(signable, body);
        return new Verified(credential, new CachedBodyRequest(request, body));
    }

    // A signed X-Sdk-Content-Sha256 is signed in place of the body's hash. Unless it says the body is
    // unsigned, it must be the body's hash, or the body of a signed request could be swapped at will.
    private static void checkDeclaredPayloadHash(SignableRequest signable, byte[] body) throws AuthenticationFailure {
        String declared = signable.header(SdkHmacSha256.X_SDK_CONTENT_SHA256);
        if (declared == null || declared.strip().equals(UNSIGNED_PAYLOAD)) {
            return;
        }
        if (!declared.strip().equalsIgnoreCase(SdkHmacSha256.sha256Hex(body))) {
            throw new AuthenticationFailure(SdkHmacSha256.X_SDK_CONTENT_SHA256 + " is neither " + UNSIGNED_PAYLOAD
                    + " nor the hex SHA-256 of the body as sent");
        }
    }

    private void checkDate(HttpServletRequest request, Authorization authorization) throws AuthenticationFailure {
        String date = request.getHeader(SdkHmacSha256.X_SDK_DATE);
        if (date == null) {
            throw new AuthenticationFailure("X-Sdk-Date is missing");
        }
        if (!authorization.signedHeaders().contains(SdkHmacSha256.X_SDK_DATE.toLowerCase(Locale.ROOT))) {
            throw new AuthenticationFailure("x-sdk-date must be among the SignedHeaders");
        }
        Instant signedAt;
        try {
            signedAt = SdkHmacSha256.parseSdkDate(date);
        } catch (SignatureException e) {
            throw new AuthenticationFailure(e.getMessage());
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new AuthenticationFailure("X-Sdk-Date is more than 15 minutes away from the server's clock ("
                    + SdkHmacSha256.formatSdkDate(clock.instant()) + ")");
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request, List<String> names) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : names) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
