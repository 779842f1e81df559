package org.openkps.server.keypair;

import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Before a server serves, its key-encryption keys must be the ones the store's hosted private keys are
 * sealed with: the first server on a store records a check value of each key, every later one compares.
 * A server whose master key (or key-ring key) differs refuses to start: it could not open the fleet's
 * keys, and what it sealed the fleet could not open.
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
        for (Map.Entry<String, String> key : vault.keyCheckValues().entrySet()) {
            String recorded = store.keyCheckValue(key.getKey(), key.getValue());
            if (!key.getValue().equals(recorded)) {
                throw new KeyMismatchException(key.getKey());
            }
        }
    }
}
