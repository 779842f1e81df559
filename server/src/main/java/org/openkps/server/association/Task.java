package org.openkps.server.association;

/**
 * An association task, as stored. Credentials are not part of it: they live in memory for the one
 * run of the task.
 *
 * @param userId          who asked; the key pair is looked up as that user sees it
 * @param keypairName     the key pair bound (reset, replace) or unbound
 * @param disablePassword what the request asked for, recorded only; null when not asked
 * @param port            the SSH port the request named, or null for the server's own
 * @param errorCode       for a failed task, the KPS error code
 * @param errorMsg        for a failed task, what went wrong
 */
public record Task(
        String id,
        String projectId,
        String userId,
        String serverId,
        String serverName,
        String keypairName,
        Operation operation,
        Phase phase,
        Boolean disablePassword,
        Integer port,
        long createTime,
        long updateTime,
        String errorCode,
        String errorMsg) {

    /**
     * The status KPS reports ({@code task_status}): {@code <PHASE>_<OPERATION>}, except that a replace
     * ends as {@code SUCCESS_RESET} or {@code FAILED_RESET}, which the SDK's enum, the API page and
     * Terraform all accept.
     */
    public String status() {
        Operation shown = operation == Operation.REPLACE && phase.hasEnded() ? Operation.RESET : operation;
        return phase + "_" + shown;
    }

    /** {@code operate_type} in the lists: the status while it has not ended, {@code FAILED_<OPERATION>} after. */
    public String operateType() {
        return phase == Phase.FAILED ? "FAILED_" + operation : phase + "_" + operation;
    }

    public Task ended(Phase phase, String errorCode, String errorMsg, long time) {
        return new Task(id, projectId, userId, serverId, serverName, keypairName, operation, phase, disablePassword,
                port, createTime, time, errorCode, errorMsg);
    }
}
