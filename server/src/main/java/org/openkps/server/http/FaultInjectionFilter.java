package org.openkps.server.http;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkps.server.emulator.Fault;
import org.openkps.server.emulator.FaultInjector;
import org.openkps.server.emulator.FaultRule.InjectedError;
import org.openkps.server.http.KpsOperations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the fault rules to authenticated KPS requests, before the operation runs: waits the rules'
 * delay, then answers a rule's error instead of calling the operation (which so changes nothing), or
 * lets the request through. A request that is no operation of the contract (an unknown path) is left
 * alone.
 */
class FaultInjectionFilter extends OncePerRequestFilter {

    private final KpsOperations operations;
    private final FaultInjector faults;
    private final ErrorResponseWriter errors;

    FaultInjectionFilter(KpsOperations operations, FaultInjector faults, ErrorResponseWriter errors) {
        this.operations = operations;
        this.faults = faults;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !AdminAuthenticationFilter.resolvedPath(request).startsWith("/v3/") || faults.rules().isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Operation> operation = operations.of(request.getMethod(), AdminAuthenticationFilter.resolvedPath(request));
        if (operation.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Fault fault = faults.faultFor(operation.get().id(), AuthenticationFilter.callerOf(request).projectId());
        pause(fault.delayMillis());
        if (fault.error().isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        InjectedError error = fault.error().get();
        if (error.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, error.retryAfterSeconds().toString());
        }
        errors.write(response, error.status(), new ErrorBody(error.errorCode(), error.errorMsg()));
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // The server is stopping: answer at once.
            Thread.currentThread().interrupt();
        }
    }
}
