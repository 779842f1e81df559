package org.openkps.server.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin API under {@code /_openkps/} needs {@code X-Admin-Token} (401 {@code KPS.9001} otherwise),
 * but for the health check, which a script waits on before it has anything. KPS credentials are not
 * looked at: they do not open the admin API.
 */
class AdminAuthenticationFilter extends OncePerRequestFilter {

    static final String PREFIX = "/_openkps/";
    private static final String HEALTH = PREFIX + "health";

    private final AdminToken token;
    private final ErrorResponseWriter errors;

    AdminAuthenticationFilter(AdminToken token, ErrorResponseWriter errors) {
        this.token = token;
        this.errors = errors;
    }

    // Judged on the resolved path, as AuthenticationFilter judges /v3/: "/_openkps;x/reset" is still the admin API.
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = resolvedPath(request);
        return !(path.startsWith(PREFIX) || request.getRequestURI().startsWith(request.getContextPath() + PREFIX))
                || path.equals(HEALTH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(AdminToken.HEADER);
        if (presented == null || presented.isBlank()) {
            errors.write(response, ErrorAnswer.AUTHENTICATION_FAILED, AdminToken.HEADER + " is missing");
            return;
        }
        if (!token.matches(presented)) {
            errors.write(response, ErrorAnswer.AUTHENTICATION_FAILED, "the " + AdminToken.HEADER + " is not valid");
            return;
        }
        chain.doFilter(request, response);
    }

    static String resolvedPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }
}
