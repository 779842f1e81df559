package org.openkps.server.association;

/**
 * What became of one association asked for: a task started (taskId set), or nothing started and why
 * (errorCode and errorMsg set, as in a batch).
 */
public record Submission(String serverId, String taskId, String errorCode, String errorMsg) {

    public static Submission started(Task task) {
        return new Submission(task.serverId(), task.id(), null, null);
    }

    public static Submission refused(String serverId, String errorCode, String errorMsg) {
        return new Submission(serverId, null, errorCode, errorMsg);
    }

    public boolean isStarted() {
        return taskId != null;
    }
}
