package org.openkps.server.http;

import org.openkps.server.generated.admin.api.VaultApiDelegate;
import org.openkps.server.generated.admin.model.ResealResultDto;
import org.openkps.server.keypair.MasterKeyRotation;
import org.openkps.server.keypair.ResealResult;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code POST /_openkps/vault/reseal}: the re-seal of a master-key rotation (decision 53). */
@Component
class VaultDelegate implements VaultApiDelegate {

    private final MasterKeyRotation rotation;

    VaultDelegate(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public ResponseEntity<ResealResultDto> resealVault() {
        ResealResult result = rotation.reseal();
        return ResponseEntity.ok(new ResealResultDto()
                .resealed(result.resealed())
                .alreadyCurrent(result.alreadyCurrent())
                .unreadable(result.unreadable())
                .masterKeyRecorded(result.masterKeyRecorded()));
    }
}
