package org.openkps.server.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkps.server.KpsSettings.Credential;
import org.openkps.server.http.RequestSizeLimitFilter.PayloadTooLargeException;
import org.openkps.server.http.RequestSizeLimitFilter.RequestTimeoutException;
import org.openkps.server.keypair.Caller;
import org.openkps.server.keypair.UntrustedText;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Establishes the caller of every {@code /v3/} request from its credentials, a token in
 * {@code X-Auth-Token} or an AK/SK signature in {@code Authorization}: 401 {@code KPS.9001} when
 * they are missing or not accepted, 403 {@code KPS.9003} when they belong to another project than
 * the path names. Credentials are never logged nor echoed.
 */
class AuthenticationFilter extends OncePerRequestFilter {

    static final String TOKEN_HEADER = "X-Auth-Token";
    private static final String CALLER = Caller.class.getName();

    private final CredentialRegistry credentials;
    private final SignedRequestVerifier signatures;
    private final ErrorResponseWriter errors;

    AuthenticationFilter(CredentialRegistry credentials, SignedRequestVerifier signatures,
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
            errors.write(response, ErrorAnswer.AUTHENTICATION_FAILED, e.getMessage());
            return;
        } catch (PayloadTooLargeException e) {
            errors.write(response, ErrorAnswer.PAYLOAD_TOO_LARGE, e.getMessage());
            return;
        } catch (RequestTimeoutException e) {
            errors.write(response, ErrorAnswer.REQUEST_TIMEOUT, e.getMessage());
            return;
        }
        String projectId = projectIdOf(request);
        if (!credential.projectId().equals(projectId)) {
            errors.write(response, ErrorAnswer.NO_PERMISSION,
                    "the credentials do not grant access to project " + UntrustedText.printable(projectId));
            return;
        }
        authenticated.setAttribute(CALLER, new Caller(credential.projectId(), credential.userId(), credential.domainId(),
                credential.admin()));
        chain.doFilter(authenticated, response);
    }

    /** The caller this filter established for a request that reached the API. */
    static Caller callerOf(HttpServletRequest request) {
        Object caller = request.getAttribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return (Caller) caller;
    }

    /** The {@code {project_id}} of {@code /v3/{project_id}/...}, still URL-encoded as it arrived. */
    private static String projectIdOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + "/v3/".length());
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
