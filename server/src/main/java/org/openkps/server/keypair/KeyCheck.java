package org.openkps.server.keypair;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Before a server serves, its key-encryption keys must be the ones the store's hosted private keys are
 * sealed with: the first server on a store records a check value of each key, every later one compares.
 * A server whose master key (or key-ring key) differs refuses to start: it could not open the fleet's
 * keys, and what it sealed the fleet could not open.
 *
 * <p>During a master-key rotation the recorded master key may be one of the server's previous master keys
 * ({@code kps.vault.previous-master-keys}): the server starts, opens under both, and seals under the recorded
 * one until a re-seal ({@link MasterKeyRotation}) records its current key. A re-seal that has not finished
 * leaves the key it rotated from recorded too: a server must still have that one.
 */
@Component
class KeyCheck implements SmartInitializingSingleton {

    private final PrivateKeyVault vault;
    private final KeypairStore store;

    KeyCheck(PrivateKeyVault vault, KeypairStore store) {
        this.vault = vault;
        this.store = store;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> previous = vault.previousMasterKeyCheckValues();
        for (Map.Entry<String, String> key : vault.keyCheckValues().entrySet()) {
            String recorded = store.keyCheckValue(key.getKey(), key.getValue());
            boolean master = key.getKey().equals(PrivateKeyVault.MASTER_KEY);
            if (!key.getValue().equals(recorded) && !(master && previous.contains(recorded))) {
                throw new KeyMismatchException(key.getKey(), false);
            }
            if (master) {
                Optional<String> rotatedFrom = store.recordedKeyCheckValue(MasterKeyRotation.ROTATED_FROM);
                if (rotatedFrom.isPresent() && !rotatedFrom.get().equals(key.getValue())
                        && !previous.contains(rotatedFrom.get())) {
                    throw new KeyMismatchException(key.getKey(), true);
                }
            }
        }
    }
}
