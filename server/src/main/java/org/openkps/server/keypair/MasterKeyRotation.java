package org.openkps.server.keypair;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The re-seal of a master-key rotation: records this server's current master key as the one the store
 * seals with, then wraps the data key of every hosted private key still under a previous master key under
 * the current one (the private key's own ciphertext stays). Safe while serving, on this server and others:
 * sealing reads the recorded key under a lock ({@link KeypairStore#lockedKeyCheckValue}), so once the new key
 * is recorded nothing more is sealed under the old one, and every key sealed under it before is committed and
 * found by the pass that follows; a key replaced or removed meanwhile is left to what replaced it. Safe to run
 * again: a second run finds every key under the current master key and changes nothing.
 */
@Service
public class MasterKeyRotation {

    /** The name under which the master key a re-seal rotates from stays recorded until it has finished. */
    static final String ROTATED_FROM = "master key before the re-seal";

    private static final int PAGE = 100;

    private final KeypairStore store;
    private final PrivateKeyVault vault;
    private final TransactionTemplate transaction;

    public MasterKeyRotation(KeypairStore store, PrivateKeyVault vault, TransactionTemplate transaction) {
        this.store = store;
        this.vault = vault;
        this.transaction = transaction;
    }

    public ResealResult reseal() {
        boolean recorded = recordCurrentMasterKey();
        int resealed = 0;
        int alreadyCurrent = 0;
        int unreadable = 0;
        long after = 0;
        for (List<StoredPrivateKey> page = store.hostedKeysAfter(ProtectionType.DEFAULT, after, PAGE); !page.isEmpty();
                page = store.hostedKeysAfter(ProtectionType.DEFAULT, after, PAGE)) {
            for (StoredPrivateKey stored : page) {
                after = stored.keypairId();
                switch (reseal(stored)) {
                    case RESEALED -> resealed++;
                    case ALREADY_CURRENT -> alreadyCurrent++;
                    case UNREADABLE -> unreadable++;
                    case GONE -> { }
                }
            }
        }
        if (unreadable == 0) {
            store.recordKeyCheckValue(ROTATED_FROM, null);
        }
        return new ResealResult(resealed, alreadyCurrent, unreadable, recorded);
    }

    private enum Outcome { RESEALED, ALREADY_CURRENT, UNREADABLE, GONE }

    private Outcome reseal(StoredPrivateKey stored) {
        String context = stored.projectId() + "/" + stored.keypairId();
        SealedPrivateKey sealed = stored.sealed();
        // A key replaced meanwhile was sealed after the new master key was recorded; look once more to count it.
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<SealedPrivateKey> rewrapped;
            try {
                rewrapped = vault.resealUnderCurrentMasterKey(sealed, context);
            } catch (IllegalStateException unopened) {
                return Outcome.UNREADABLE;
            }
            if (rewrapped.isEmpty()) {
                return Outcome.ALREADY_CURRENT;
            }
            if (store.replaceWrappedDataKey(stored.keypairId(), sealed.wrappedDataKey(),
                    rewrapped.get().wrappedDataKey())) {
                return Outcome.RESEALED;
            }
            Optional<SealedPrivateKey> now = store.findHostedKey(stored.keypairId());
            if (now.isEmpty() || now.get().type() != ProtectionType.DEFAULT) {
                return Outcome.GONE;
            }
            sealed = now.get();
        }
        return Outcome.ALREADY_CURRENT;
    }

    /** True when the store recorded a previous master key until now. */
    private boolean recordCurrentMasterKey() {
        String current = vault.keyCheckValues().get(PrivateKeyVault.MASTER_KEY);
        Set<String> previous = vault.previousMasterKeyCheckValues();
        Boolean recorded = transaction.execute(status -> {
            String before = store.keyCheckValue(PrivateKeyVault.MASTER_KEY, current);
            if (before.equals(current)) {
                return false;
            }
            if (!previous.contains(before)) {
                throw new IllegalStateException("the store seals with a master key that is neither this server's "
                        + "kps.vault.master-key nor one of its kps.vault.previous-master-keys; nothing was re-sealed");
            }
            store.recordKeyCheckValue(ROTATED_FROM, before);
            store.recordKeyCheckValue(PrivateKeyVault.MASTER_KEY, current);
            return true;
        });
        return Boolean.TRUE.equals(recorded);
    }
}
