package org.openkps.server.api;

import java.util.Locale;

import org.openkps.server.generated.model.CreateKeypairAction;
import org.openkps.server.generated.model.Encryption;
import org.openkps.server.generated.model.EncryptionType;
import org.openkps.server.generated.model.KeyProtection;
import org.openkps.server.keypair.KeypairScope;
import org.openkps.server.keypair.KeypairType;
import org.openkps.server.keypair.NewKeypair;
import org.openkps.server.keypair.NewKeypair.KeyProtectionRequest;
import org.openkps.server.vault.Protection;
import org.openkps.server.vault.ProtectionType;

/** Maps between the generated wire models and the domain's types; nothing else. */
final class ApiMapping {

    private ApiMapping() {
    }

    static NewKeypair newKeypair(CreateKeypairAction action) {
        KeyProtection protection = action.getKeyProtection();
        return new NewKeypair(
                action.getName(),
                action.getType() == null ? null : KeypairType.valueOf(action.getType().name()),
                action.getPublicKey(),
                action.getScope() == null ? null : KeypairScope.valueOf(action.getScope().name()),
                action.getUserId(),
                protection == null ? null
                        : new KeyProtectionRequest(protection.getPrivateKey(), protection(protection.getEncryption())));
    }

    static Protection protection(Encryption encryption) {
        return new Protection(ProtectionType.fromWire(encryption.getType().getValue()),
                encryption.getKmsKeyId(), encryption.getKmsKeyName());
    }

    static Encryption encryption(ProtectionType type, String kmsKeyId, String kmsKeyName) {
        return new Encryption(EncryptionType.fromValue(type.wireValue()))
                .kmsKeyId(kmsKeyId)
                .kmsKeyName(kmsKeyName);
    }

    static org.openkps.server.generated.model.KeypairType type(KeypairType type) {
        return org.openkps.server.generated.model.KeypairType.fromValue(type.name().toLowerCase(Locale.ROOT));
    }

    static org.openkps.server.generated.model.KeypairScope scope(KeypairScope scope) {
        return org.openkps.server.generated.model.KeypairScope.fromValue(scope.name().toLowerCase(Locale.ROOT));
    }
}
