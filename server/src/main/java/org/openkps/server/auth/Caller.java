package org.openkps.server.auth;

import jakarta.servlet.http.HttpServletRequest;

/** Who is calling, as their credential says: the project, user and domain they act as. */
public record Caller(String projectId, String userId, String domainId) {

    private static final String ATTRIBUTE = Caller.class.getName();

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The caller the authentication filter established for this request. */
    public static Caller of(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return (Caller) caller;
    }
}
