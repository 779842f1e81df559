package org.openkps.server.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkps.server.config.KpsProperties.Credential;
import org.openkps.server.error.ErrorResponseWriter;
import org.openkps.server.error.KpsError;
import org.openkps.server.web.RequestSizeLimitFilter.PayloadTooLargeException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Establishes the caller of every {@code /v3/} request from its credentials, a token in
 * {@code X-Auth-Token} or an AK/SK signature in {@code Authorization}: 401 {@code KPS.9001} when
 * they are missing or not accepted, 403 {@code KPS.9003} when they belong to another project than
 * the path names. Credentials are never logged nor echoed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class AuthenticationFilter extends OncePerRequestFilter {

    static final String TOKEN_HEADER = "X-Auth-Token";

    private final CredentialRegistry credentials;
    private final SignedRequestVerifier signatures;
    private final ErrorResponseWriter errors;

    public AuthenticationFilter(CredentialRegistry credentials, SignedRequestVerifier signatures,
                                ErrorResponseWriter errors) {
        this.credentials = credentials;
        this.signatures = signatures;
        this.errors = errors;
    }

    // Judged on the path as the container resolved it (decoded, ";params" and "." segments removed), not on
    // the raw URI: Spring routes "/v3;x=1/{project_id}/keypairs" and "/%76%33/..." to the API too, and
    // those must not get there without credentials.
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
        return !path.startsWith("/v3/") && !request.getRequestURI().startsWith(request.getContextPath() + "/v3/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Credential credential;
        HttpServletRequest authenticated = request;
        try {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            String token = request.getHeader(TOKEN_HEADER);
            if (authorization != null && !authorization.isBlank()) {
                SignedRequestVerifier.Verified verified = signatures.verify(request, authorization.strip());
                credential = verified.credential();
                authenticated = verified.request();
            } else if (token != null && !token.isBlank()) {
                credential = credentials.byToken(token.strip())
                        .orElseThrow(() -> new AuthenticationFailure("the X-Auth-Token is not valid"));
            } else {
                throw new AuthenticationFailure(
                        "X-Auth-Token is missing (or sign the request with AK/SK: Authorization: SDK-HMAC-SHA256 ...)");
            }
        } catch (AuthenticationFailure e) {
            errors.write(response, KpsError.AUTHENTICATION_FAILED, e.getMessage());
            return;
        } catch (PayloadTooLargeException e) {
            errors.write(response, KpsError.PAYLOAD_TOO_LARGE, e.getMessage());
            return;
        }
        String projectId = projectIdOf(request);
        if (!credential.projectId().equals(projectId)) {
            errors.write(response, KpsError.NO_PERMISSION,
                    "the credentials do not grant access to project " + printable(projectId));
            return;
        }
        new Caller(credential.projectId(), credential.userId(), credential.domainId()).attachTo(authenticated);
        chain.doFilter(authenticated, response);
    }

    /** The {@code {project_id}} of {@code /v3/{project_id}/...}, still URL-encoded as it arrived. */
    private static String projectIdOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + "/v3/".length());
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    // The project id is the caller's input: keep the echo short and free of control characters.
    private static String printable(String projectId) {
        String cut = projectId.length() > 64 ? projectId.substring(0, 64) + "..." : projectId;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
