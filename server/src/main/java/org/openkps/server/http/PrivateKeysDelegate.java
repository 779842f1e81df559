package org.openkps.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.HttpServletRequest;

import org.openkps.server.generated.api.PrivateKeysApiDelegate;
import org.openkps.server.generated.model.ExportPrivateKeyRequestDto;
import org.openkps.server.generated.model.ExportPrivateKeyResponseDto;
import org.openkps.server.generated.model.ExportedPrivateKeyDto;
import org.openkps.server.generated.model.HostedKeyProtectionDto;
import org.openkps.server.generated.model.HostedPrivateKeyDto;
import org.openkps.server.generated.model.ImportPrivateKeyActionDto;
import org.openkps.server.generated.model.ImportPrivateKeyRequestDto;
import org.openkps.server.generated.model.ImportPrivateKeyResponseDto;
import org.openkps.server.keypair.ExportedPrivateKey;
import org.openkps.server.keypair.Keypair;
import org.openkps.server.keypair.KeypairService;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** The private-key operations of the contract, mapped onto {@link KeypairService}. */
@Component
class PrivateKeysDelegate implements PrivateKeysApiDelegate {

    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final KeypairService keypairs;
    private final HttpServletRequest request;

    PrivateKeysDelegate(KeypairService keypairs, HttpServletRequest request) {
        this.keypairs = keypairs;
        this.request = request;
    }

    @Override
    public ResponseEntity<ImportPrivateKeyResponseDto> importPrivateKey(String projectId,
                                                                        ImportPrivateKeyRequestDto body) {
        ImportPrivateKeyActionDto action = body.getKeypair();
        Keypair keypair = keypairs.importPrivateKey(AuthenticationFilter.callerOf(request), action.getName(),
                action.getUserId(), action.getKeyProtection().getPrivateKey(),
                ApiMapping.protection(action.getKeyProtection().getEncryption()));
        return ResponseEntity.ok(new ImportPrivateKeyResponseDto(new HostedPrivateKeyDto(keypair.name(),
                keypair.userId(), new HostedKeyProtectionDto(ApiMapping.encryption(keypair.hostedKey())))));
    }

    @Override
    public ResponseEntity<ExportPrivateKeyResponseDto> exportPrivateKey(String projectId,
                                                                        ExportPrivateKeyRequestDto body) {
        ExportedPrivateKey exported = keypairs.exportPrivateKey(AuthenticationFilter.callerOf(request),
                body.getKeypair().getName());
        return ResponseEntity.ok(new ExportPrivateKeyResponseDto(
                new ExportedPrivateKeyDto(exported.keypairName(), exported.privateKey())));
    }

    @Override
    public ResponseEntity<Resource> batchExportPrivateKeys(String projectId, List<ExportPrivateKeyRequestDto> body) {
        List<ExportedPrivateKey> keys = keypairs.batchExportPrivateKeys(AuthenticationFilter.callerOf(request),
                ApiMapping.entries(body, entry -> entry.getKeypair().getName()));
        return ResponseEntity.ok()
                .contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("private-keys.zip").build().toString())
                .body(new ByteArrayResource(zip(keys)));
    }

    @Override
    public ResponseEntity<Void> clearPrivateKey(String projectId, String keypairName) {
        keypairs.clearPrivateKey(AuthenticationFilter.callerOf(request), keypairName);
        return ResponseEntity.ok().build();
    }

    /** One {@code <name>.pem} entry per key pair, in the order asked. */
    private static byte[] zip(List<ExportedPrivateKey> keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ExportedPrivateKey key : keys) {
                zip.putNextEntry(new ZipEntry(key.keypairName() + ".pem"));
                zip.write(key.privateKey().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
