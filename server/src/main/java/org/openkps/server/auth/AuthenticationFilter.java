package org.openkps.server.auth;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkps.server.config.KpsProperties.Credential;
import org.openkps.server.error.KpsError;
import org.openkps.server.error.ErrorResponseWriter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Establishes the caller of every {@code /v3/} request from its credentials: 401 {@code KPS.9001}
 * when they are missing or unknown, 403 {@code KPS.9003} when they belong to another project
 * than the path names. Tokens are never logged nor echoed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class AuthenticationFilter extends OncePerRequestFilter {

    static final String TOKEN_HEADER = "X-Auth-Token";

    private final CredentialRegistry credentials;
    private final ErrorResponseWriter errors;

    public AuthenticationFilter(CredentialRegistry credentials, ErrorResponseWriter errors) {
        this.credentials = credentials;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/v3/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(TOKEN_HEADER);
        if (token == null || token.isBlank()) {
            errors.write(response, KpsError.AUTHENTICATION_FAILED, "X-Auth-Token is missing");
            return;
        }
        Optional<Credential> credential = credentials.byToken(token.strip());
        if (credential.isEmpty()) {
            errors.write(response, KpsError.AUTHENTICATION_FAILED, "the X-Auth-Token is not valid");
            return;
        }
        Credential known = credential.get();
        String projectId = projectIdOf(request);
        if (!known.projectId().equals(projectId)) {
            errors.write(response, KpsError.NO_PERMISSION,
                    "the credentials do not grant access to project " + printable(projectId));
            return;
        }
        new Caller(known.projectId(), known.userId(), known.domainId()).attachTo(request);
        chain.doFilter(request, response);
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
