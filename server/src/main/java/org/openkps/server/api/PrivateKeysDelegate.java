package org.openkps.server.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.openkps.server.auth.Caller;
import org.openkps.server.generated.api.PrivateKeysApiDelegate;
import org.openkps.server.generated.model.ExportPrivateKeyRequest;
import org.openkps.server.generated.model.ExportPrivateKeyResponse;
import org.openkps.server.generated.model.ExportedPrivateKey;
import org.openkps.server.generated.model.HostedKeyProtection;
import org.openkps.server.generated.model.HostedPrivateKey;
import org.openkps.server.generated.model.ImportPrivateKeyAction;
import org.openkps.server.generated.model.ImportPrivateKeyRequest;
import org.openkps.server.generated.model.ImportPrivateKeyResponse;
import org.openkps.server.keypair.KeypairService;
import org.openkps.server.keypair.HostedKey;
import org.openkps.server.keypair.Keypair;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** The private-key operations of the contract, mapped onto {@link KeypairService}. */
@Component
public class PrivateKeysDelegate implements PrivateKeysApiDelegate {

    static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final KeypairService keypairs;
    private final HttpServletRequest request;

    public PrivateKeysDelegate(KeypairService keypairs, HttpServletRequest request) {
        this.keypairs = keypairs;
        this.request = request;
    }

    @Override
    public ResponseEntity<ImportPrivateKeyResponse> importPrivateKey(String projectId, ImportPrivateKeyRequest body) {
        ImportPrivateKeyAction action = body.getKeypair();
        Keypair keypair = keypairs.importPrivateKey(caller(), action.getName(), action.getUserId(),
                action.getKeyProtection().getPrivateKey(),
                ApiMapping.protection(action.getKeyProtection().getEncryption()));
        HostedKey hosted = keypair.hostedKey();
        return ResponseEntity.ok(new ImportPrivateKeyResponse(new HostedPrivateKey(keypair.name(), keypair.userId(),
                new HostedKeyProtection(ApiMapping.encryption(hosted.protection(), hosted.kmsKeyId(), hosted.kmsKeyName())))));
    }

    @Override
    public ResponseEntity<ExportPrivateKeyResponse> exportPrivateKey(String projectId, ExportPrivateKeyRequest body) {
        String name = body.getKeypair().getName();
        String privateKey = keypairs.exportPrivateKey(caller(), name);
        return ResponseEntity.ok(new ExportPrivateKeyResponse(new ExportedPrivateKey(name, privateKey)));
    }

    @Override
    public ResponseEntity<Resource> batchExportPrivateKeys(String projectId, List<ExportPrivateKeyRequest> body) {
        byte[] zip = keypairs.batchExportPrivateKeys(caller(),
                body.stream().map(entry -> entry.getKeypair().getName()).toList());
        return ResponseEntity.ok()
                .contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("private-keys.zip").build().toString())
                .body(new ByteArrayResource(zip));
    }

    @Override
    public ResponseEntity<Void> clearPrivateKey(String projectId, String keypairName) {
        keypairs.clearPrivateKey(caller(), keypairName);
        return ResponseEntity.ok().build();
    }

    private Caller caller() {
        return Caller.of(request);
    }
}
