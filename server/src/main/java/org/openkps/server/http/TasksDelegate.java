package org.openkps.server.http;

import jakarta.servlet.http.HttpServletRequest;

import org.openkps.server.association.AssociationService;
import org.openkps.server.association.TaskPage;
import org.openkps.server.generated.api.TasksApiDelegate;
import org.openkps.server.generated.model.ListFailedTasksResponseDto;
import org.openkps.server.generated.model.ListRunningTasksResponseDto;
import org.openkps.server.generated.model.ShowKeypairTaskResponseDto;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** The association tasks: one task, the running and failed lists, deleting failed ones. */
@Component
class TasksDelegate implements TasksApiDelegate {

    private final AssociationService associations;
    private final HttpServletRequest request;

    TasksDelegate(AssociationService associations, HttpServletRequest request) {
        this.associations = associations;
        this.request = request;
    }

    @Override
    public ResponseEntity<ShowKeypairTaskResponseDto> showKeypairTask(String projectId, String taskId) {
        return ResponseEntity.ok(AssociationMapping.shown(
                associations.showTask(AuthenticationFilter.callerOf(request), taskId)));
    }

    @Override
    public ResponseEntity<ListRunningTasksResponseDto> listRunningTasks(String projectId, Integer limit, Integer offset) {
        TaskPage page = associations.listRunning(AuthenticationFilter.callerOf(request), limit, offset);
        return ResponseEntity.ok(new ListRunningTasksResponseDto(page.total(),
                page.tasks().stream().map(AssociationMapping::running).toList()));
    }

    @Override
    public ResponseEntity<ListFailedTasksResponseDto> listFailedTasks(String projectId, Integer limit, Integer offset) {
        TaskPage page = associations.listFailed(AuthenticationFilter.callerOf(request), limit, offset);
        return ResponseEntity.ok(new ListFailedTasksResponseDto(page.total(),
                page.tasks().stream().map(AssociationMapping::failed).toList()));
    }

    @Override
    public ResponseEntity<Void> deleteFailedTask(String projectId, String taskId) {
        associations.deleteFailed(AuthenticationFilter.callerOf(request), taskId);
        return ResponseEntity.ok().build();
    }

    @Override
    public ResponseEntity<Void> deleteAllFailedTasks(String projectId) {
        associations.deleteAllFailed(AuthenticationFilter.callerOf(request));
        return ResponseEntity.ok().build();
    }
}
