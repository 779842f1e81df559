package org.openkps.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.openkps.server.generated.model.CreateKeypairActionDto;
import org.openkps.server.generated.model.CreatedKeypairDto;
import org.openkps.server.generated.model.EncryptionDto;
import org.openkps.server.generated.model.EncryptionTypeDto;
import org.openkps.server.generated.model.KeyProtectionDto;
import org.openkps.server.generated.model.KeypairDetailDto;
import org.openkps.server.generated.model.KeypairScopeDto;
import org.openkps.server.generated.model.KeypairSummaryDto;
import org.openkps.server.generated.model.KeypairTypeDto;
import org.openkps.server.keypair.CreatedKeypair;
import org.openkps.server.keypair.HostedKey;
import org.openkps.server.keypair.Keypair;
import org.openkps.server.keypair.KeypairScope;
import org.openkps.server.keypair.KeypairType;
import org.openkps.server.keypair.KpsException;
import org.openkps.server.keypair.NewKeypair;
import org.openkps.server.keypair.NewKeypair.KeyProtectionRequest;
import org.openkps.server.keypair.Protection;
import org.openkps.server.keypair.ProtectionType;

/**
 * Maps between the generated wire models and the domain's types; nothing else. Enums cross by their
 * KPS value, the one spelling both sides share.
 */
final class ApiMapping {

    // The contract's defaults, as the generated model carries them.
    private static final CreateKeypairActionDto DEFAULTS = new CreateKeypairActionDto();

    private ApiMapping() {
    }

    static NewKeypair newKeypair(CreateKeypairActionDto action) {
        KeyProtectionDto protection = action.getKeyProtection();
        KeypairTypeDto type = action.getType() == null ? DEFAULTS.getType() : action.getType();
        KeypairScopeDto scope = action.getScope() == null ? DEFAULTS.getScope() : action.getScope();
        return new NewKeypair(
                action.getName(),
                KeypairType.fromValue(type.getValue()),
                action.getPublicKey(),
                KeypairScope.fromValue(scope.getValue()),
                action.getUserId(),
                protection == null ? null
                        : new KeyProtectionRequest(protection.getPrivateKey(), protection(protection.getEncryption())));
    }

    /**
     * The entries of a batch body, each mapped; an entry that is JSON {@code null} is refused, naming it,
     * since the generated layer validates only the entries that are there.
     */
    static <T, R> List<R> entries(List<T> body, Function<T, R> mapping) {
        List<R> mapped = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            T entry = body.get(i);
            if (entry == null) {
                throw KpsException.invalid("[" + i + "]: must be an object, not null");
            }
            mapped.add(mapping.apply(entry));
        }
        return mapped;
    }

    static Protection protection(EncryptionDto encryption) {
        return new Protection(ProtectionType.fromValue(encryption.getType().getValue()),
                encryption.getKmsKeyId(), encryption.getKmsKeyName());
    }

    static EncryptionDto encryption(HostedKey hosted) {
        return new EncryptionDto(EncryptionTypeDto.fromValue(hosted.protection().value()))
                .kmsKeyId(hosted.kmsKeyId())
                .kmsKeyName(hosted.kmsKeyName());
    }

    static CreatedKeypairDto created(CreatedKeypair created) {
        Keypair k = created.keypair();
        return new CreatedKeypairDto(k.name(), type(k.type()), k.publicKey(), k.fingerprint(), k.userId())
                .privateKey(created.privateKey());
    }

    static KeypairSummaryDto summary(Keypair k) {
        return new KeypairSummaryDto(k.name(), type(k.type()), scope(k.scope()), k.publicKey(),
                k.fingerprint(), k.isKeyProtected(), String.valueOf(k.frozenState()));
    }

    static KeypairDetailDto detail(Keypair k) {
        return new KeypairDetailDto(k.name(), k.id(), type(k.type()), scope(k.scope()),
                k.publicKey(), k.fingerprint(), k.isKeyProtected(), false, k.description(), k.userId(),
                k.createTime(), k.updateTime(), k.frozenState(), k.algorithm())
                .keyId(k.hostedKey() == null ? null : k.hostedKey().kmsKeyId());
    }

    private static KeypairTypeDto type(KeypairType type) {
        return KeypairTypeDto.fromValue(type.value());
    }

    private static KeypairScopeDto scope(KeypairScope scope) {
        return KeypairScopeDto.fromValue(scope.value());
    }
}
