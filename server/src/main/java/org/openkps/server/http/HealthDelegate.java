package org.openkps.server.http;

import org.openkps.server.emulator.EmulatorState;
import org.openkps.server.generated.admin.api.HealthApiDelegate;
import org.openkps.server.generated.admin.model.HealthDto;
import org.openkps.server.generated.admin.model.HealthStatusDto;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code GET /_openkps/health}: UP once the server serves and its store answers. */
@Component
class HealthDelegate implements HealthApiDelegate {

    private final EmulatorState state;

    HealthDelegate(EmulatorState state) {
        this.state = state;
    }

    @Override
    public ResponseEntity<HealthDto> showHealth() {
        if (state.storeAnswers()) {
            return ResponseEntity.ok(new HealthDto(HealthStatusDto.UP));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new HealthDto(HealthStatusDto.DOWN).detail("the store does not answer"));
    }
}
