package org.openkps.server.association;

import java.util.List;
import java.util.Optional;

/**
 * Where association tasks are kept, so that a restart neither loses nor repeats them: the port the
 * association core owns and a store adapter implements.
 */
public interface TaskStore {

    /**
     * Stores a new task (READY) as the one task of its server that has not ended; empty when another
     * task of that server has not ended. The store decides, so two requests racing for one server
     * cannot both win.
     */
    boolean insert(Task task);

    Optional<Task> find(String projectId, String taskId);

    /** The id of the task of that server that has not ended, if there is one. */
    Optional<String> findUnfinished(String serverId);

    /** READY to RUNNING; false when the task is not READY (it was ended meanwhile). */
    boolean markRunning(String taskId, long time);

    /** Ends a task that has not ended (SUCCESS or FAILED) and frees its server for the next task. */
    void end(Task ended);

    /** Ends every task that has not ended as FAILED with this code and message; returns how many. */
    int failUnfinished(String errorCode, String errorMsg, long time);

    /** Tasks of the project in one of the phases, oldest first. */
    List<Task> list(String projectId, List<Phase> phases, int limit, int offset);

    int count(String projectId, List<Phase> phases);

    /** Deletes a failed task of the project; false when there is none of that id. */
    boolean deleteFailed(String projectId, String taskId);

    void deleteAllFailed(String projectId);

    /** Deletes every task of the project, or of every project when {@code projectId} is null, ended or not. */
    void deleteAll(String projectId);
}
