package org.openkps.server.http;

import org.openkps.server.emulator.EmulatorState;
import org.openkps.server.generated.admin.api.StateApiDelegate;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code POST /_openkps/reset}: everything stored goes, of one project or of all. */
@Component
class StateDelegate implements StateApiDelegate {

    private final EmulatorState state;

    StateDelegate(EmulatorState state) {
        this.state = state;
    }

    @Override
    public ResponseEntity<Void> resetState(String projectId) {
        state.reset(projectId);
        return ResponseEntity.noContent().build();
    }
}
