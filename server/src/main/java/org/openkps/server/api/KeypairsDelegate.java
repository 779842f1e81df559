package org.openkps.server.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.openkps.server.auth.Caller;
import org.openkps.server.generated.api.KeypairsApiDelegate;
import org.openkps.server.generated.model.BatchImportKeypairsResponse;
import org.openkps.server.generated.model.CreateKeypairRequest;
import org.openkps.server.generated.model.CreateKeypairResponse;
import org.openkps.server.generated.model.CreatedKeypair;
import org.openkps.server.generated.model.FailedKeypair;
import org.openkps.server.generated.model.KeypairDetail;
import org.openkps.server.generated.model.KeypairListEntry;
import org.openkps.server.generated.model.KeypairSummary;
import org.openkps.server.generated.model.ListKeypairsResponse;
import org.openkps.server.generated.model.PageInfo;
import org.openkps.server.generated.model.ShowKeypairResponse;
import org.openkps.server.generated.model.UpdateKeypairDescriptionRequest;
import org.openkps.server.keypair.BatchImportResult;
import org.openkps.server.keypair.Keypair;
import org.openkps.server.keypair.KeypairPage;
import org.openkps.server.keypair.KeypairService;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** The key-pair operations of the contract, mapped onto {@link KeypairService}. */
@Component
public class KeypairsDelegate implements KeypairsApiDelegate {

    private final KeypairService keypairs;
    private final HttpServletRequest request;

    public KeypairsDelegate(KeypairService keypairs, HttpServletRequest request) {
        this.keypairs = keypairs;
        this.request = request;
    }

    @Override
    public ResponseEntity<CreateKeypairResponse> createKeypair(String projectId, CreateKeypairRequest body) {
        var created = keypairs.create(caller(), ApiMapping.newKeypair(body.getKeypair()));
        return ResponseEntity.ok(created(created));
    }

    @Override
    public ResponseEntity<BatchImportKeypairsResponse> batchImportKeypairs(String projectId,
                                                                           List<CreateKeypairRequest> body) {
        BatchImportResult result = keypairs.batchImport(caller(),
                body.stream().map(entry -> ApiMapping.newKeypair(entry.getKeypair())).toList());
        return ResponseEntity.ok(new BatchImportKeypairsResponse(
                result.succeeded().stream().map(KeypairsDelegate::created).toList(),
                result.failed().stream().map(f -> new FailedKeypair(f.name(), f.reason())).toList()));
    }

    @Override
    public ResponseEntity<ListKeypairsResponse> listKeypairs(String projectId, Integer limit, String marker) {
        KeypairPage page = keypairs.list(caller(), limit, marker);
        List<KeypairListEntry> entries = page.keypairs().stream()
                .map(k -> new KeypairListEntry(summary(k)))
                .toList();
        PageInfo pageInfo = new PageInfo(entries.size()).nextMarker(page.nextMarker());
        return ResponseEntity.ok(new ListKeypairsResponse(entries, pageInfo));
    }

    @Override
    public ResponseEntity<ShowKeypairResponse> showKeypair(String projectId, String keypairName) {
        return ResponseEntity.ok(new ShowKeypairResponse(detail(keypairs.show(caller(), keypairName))));
    }

    @Override
    public ResponseEntity<Void> updateKeypairDescription(String projectId, String keypairName,
                                                         UpdateKeypairDescriptionRequest body) {
        keypairs.updateDescription(caller(), keypairName, body.getKeypair().getDescription());
        return ResponseEntity.ok().build();
    }

    @Override
    public ResponseEntity<Void> deleteKeypair(String projectId, String keypairName) {
        keypairs.delete(caller(), keypairName);
        return ResponseEntity.noContent().build();
    }

    private Caller caller() {
        return Caller.of(request);
    }

    private static CreateKeypairResponse created(org.openkps.server.keypair.CreatedKeypair created) {
        Keypair k = created.keypair();
        return new CreateKeypairResponse(new CreatedKeypair(
                k.name(), ApiMapping.type(k.type()), k.publicKey(), k.fingerprint(), k.userId())
                .privateKey(created.privateKey()));
    }

    private static KeypairSummary summary(Keypair k) {
        return new KeypairSummary(k.name(), ApiMapping.type(k.type()), ApiMapping.scope(k.scope()), k.publicKey(),
                k.fingerprint(), k.isKeyProtected(), String.valueOf(k.frozenState()));
    }

    private static KeypairDetail detail(Keypair k) {
        return new KeypairDetail(k.name(), k.id(), ApiMapping.type(k.type()), ApiMapping.scope(k.scope()),
                k.publicKey(), k.fingerprint(), k.isKeyProtected(), false, k.description(), k.userId(),
                k.createTime(), k.updateTime(), k.frozenState(), k.algorithm())
                .keyId(k.hostedKey() == null ? null : k.hostedKey().kmsKeyId());
    }
}
