package org.openkps.server.http;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.openkps.server.generated.api.KeypairsApiDelegate;
import org.openkps.server.generated.model.BatchImportKeypairsResponseDto;
import org.openkps.server.generated.model.CreateKeypairRequestDto;
import org.openkps.server.generated.model.CreateKeypairResponseDto;
import org.openkps.server.generated.model.FailedKeypairDto;
import org.openkps.server.generated.model.KeypairListEntryDto;
import org.openkps.server.generated.model.ListKeypairsResponseDto;
import org.openkps.server.generated.model.PageInfoDto;
import org.openkps.server.generated.model.ShowKeypairResponseDto;
import org.openkps.server.generated.model.UpdateKeypairDescriptionRequestDto;
import org.openkps.server.keypair.BatchImportResult;
import org.openkps.server.keypair.KeypairPage;
import org.openkps.server.keypair.KeypairService;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** The key-pair operations of the contract, mapped onto {@link KeypairService}. */
@Component
class KeypairsDelegate implements KeypairsApiDelegate {

    private final KeypairService keypairs;
    private final HttpServletRequest request;

    KeypairsDelegate(KeypairService keypairs, HttpServletRequest request) {
        this.keypairs = keypairs;
        this.request = request;
    }

    @Override
    public ResponseEntity<CreateKeypairResponseDto> createKeypair(String projectId, CreateKeypairRequestDto body) {
        var created = keypairs.create(AuthenticationFilter.callerOf(request), ApiMapping.newKeypair(body.getKeypair()));
        return ResponseEntity.ok(new CreateKeypairResponseDto(ApiMapping.created(created)));
    }

    @Override
    public ResponseEntity<BatchImportKeypairsResponseDto> batchImportKeypairs(String projectId,
                                                                              List<CreateKeypairRequestDto> body) {
        BatchImportResult result = keypairs.batchImport(AuthenticationFilter.callerOf(request),
                ApiMapping.entries(body, entry -> ApiMapping.newKeypair(entry.getKeypair())));
        return ResponseEntity.ok(new BatchImportKeypairsResponseDto(
                result.succeeded().stream().map(c -> new CreateKeypairResponseDto(ApiMapping.created(c))).toList(),
                result.failed().stream().map(f -> new FailedKeypairDto(f.name(), f.reason())).toList()));
    }

    @Override
    public ResponseEntity<ListKeypairsResponseDto> listKeypairs(String projectId, Integer limit, String marker) {
        KeypairPage page = keypairs.list(AuthenticationFilter.callerOf(request), limit, marker);
        List<KeypairListEntryDto> entries = page.keypairs().stream()
                .map(k -> new KeypairListEntryDto(ApiMapping.summary(k)))
                .toList();
        PageInfoDto pageInfo = new PageInfoDto(entries.size()).nextMarker(page.nextMarker());
        return ResponseEntity.ok(new ListKeypairsResponseDto(entries, pageInfo));
    }

    @Override
    public ResponseEntity<ShowKeypairResponseDto> showKeypair(String projectId, String keypairName) {
        return ResponseEntity.ok(new ShowKeypairResponseDto(
                ApiMapping.detail(keypairs.show(AuthenticationFilter.callerOf(request), keypairName))));
    }

    @Override
    public ResponseEntity<Void> updateKeypairDescription(String projectId, String keypairName,
                                                         UpdateKeypairDescriptionRequestDto body) {
        keypairs.updateDescription(AuthenticationFilter.callerOf(request), keypairName,
                body.getKeypair().getDescription());
        return ResponseEntity.ok().build();
    }

    @Override
    public ResponseEntity<Void> deleteKeypair(String projectId, String keypairName) {
        keypairs.delete(AuthenticationFilter.callerOf(request), keypairName);
        return ResponseEntity.noContent().build();
    }
}
