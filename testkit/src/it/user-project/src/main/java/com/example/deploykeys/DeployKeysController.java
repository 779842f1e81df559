package com.example.deploykeys;

import org.openkps.client.KpsClient;
import org.openkps.client.KpsException;
import org.openkps.client.invoker.ApiException;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** POST /deploy-keys/{name}: a new key pair in KPS; its fingerprint, or 502 when KPS fails. */
@RestController
class DeployKeysController {

    private static final Logger log = LoggerFactory.getLogger(DeployKeysController.class);

    private final KpsClient kps;
    private final String projectId;

    DeployKeysController(KpsClient kps, @Value("${kps.project-id}") String projectId) {
        this.kps = kps;
        this.projectId = projectId;
    }

    @PostMapping("/deploy-keys/{name}")
    ResponseEntity<String> create(@PathVariable String name) throws ApiException {
        try {
            String fingerprint = kps.keypairs().createKeypair(projectId,
                    new CreateKeypairRequest().keypair(new CreateKeypairAction().name(name))).getKeypair().getFingerprint();
            log.debug("deploy key {} created", name);
            return ResponseEntity.ok(fingerprint);
        } catch (KpsException e) {
            return ResponseEntity.status(502).body("KPS answered " + e.getStatus() + " " + e.getErrorCode());
        }
    }
}
