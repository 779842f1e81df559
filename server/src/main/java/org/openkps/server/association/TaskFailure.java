package org.openkps.server.association;

/** Ends a task as FAILED with a KPS error code and a message for the caller (never a secret). */
class TaskFailure extends RuntimeException {

    /** The KPS codes a task can fail with (KPS's catalogue, api/REFERENCE.md). */
    static final String UNAVAILABLE = "KPS.0003";
    static final String VERIFICATION_FAILED = "KPS.6009";
    static final String KEYPAIR_NOT_FOUND = "KPS.4016";
    static final String INTERRUPTED = "KPS.0004";

    private final String code;

    TaskFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
