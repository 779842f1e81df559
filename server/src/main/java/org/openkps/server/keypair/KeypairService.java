package org.openkps.server.keypair;

import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.openkps.server.keypair.NewKeypair.KeyProtectionRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What KPS does with key pairs. Every operation sees only what the caller may see; every change
 * is one transaction, so a failure stores nothing. Key material is checked and keys generated
 * before a transaction opens. The contract's own rules (lengths, patterns, batch sizes, page
 * bounds, defaults) are enforced at the edge before anything arrives here.
 */
@Service
public class KeypairService {

    private static final String PRIVATE_KEY_FIELD = "keypair.key_protection.private_key";

    private final KeypairStore store;
    private final KeyMaterials keyMaterials;
    private final PrivateKeyVault vault;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public KeypairService(KeypairStore store, KeyMaterials keyMaterials, PrivateKeyVault vault,
                          TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.keyMaterials = keyMaterials;
        this.vault = vault;
        this.transaction = transaction;
        this.clock = clock;
    }

    public CreatedKeypair create(Caller caller, NewKeypair request) {
        if (request.userId() != null && !request.userId().equals(caller.userId()) && !caller.admin()) {
            throw new KpsException(KpsError.NO_PERMISSION, "keypair.user_id names another user: only an "
                    + "administrator's credentials may create key pairs for other users");
        }
        KeyProtectionRequest protection = request.keyProtection();
        if (protection != null) {
            check(protection.protection());
        }
        KeyMaterial material = request.publicKey() == null ? generated(request) : imported(request);
        String toHost = protection == null ? null
                : protection.privateKey() != null ? protection.privateKey() : material.privateKey();
        long now = clock.millis();
        Keypair unsaved = new Keypair(0, caller.projectId(), request.name(), request.type(), request.scope(),
                request.userId() == null ? caller.userId() : request.userId(),
                material.publicKey(), material.fingerprint(), material.algorithm(), "", 0, now, now, null);
        Keypair saved = transaction.execute(status -> {
            Keypair stored = store.insert(unsaved).orElseThrow(() -> KpsException.invalid(
                    "keypair.name '" + request.name() + "' is already used by another key pair of the project"));
            return toHost == null ? stored : host(stored, toHost, protection.protection(), now);
        });
        return new CreatedKeypair(saved, material.privateKey());
    }

    /** A new key pair made here; a private key to host may not come with it. */
    private KeyMaterial generated(NewKeypair request) {
        KeyProtectionRequest protection = request.keyProtection();
        if (protection != null && protection.privateKey() != null) {
            throw KpsException.invalid(PRIVATE_KEY_FIELD + " is only for an imported key pair: "
                    + "send keypair.public_key with it, or leave it out to host the generated private key");
        }
        return keyMaterials.generate(request.type(), request.name());
    }

    /** An imported public key; hosting its private key needs that private key, and it must match. */
    private KeyMaterial imported(NewKeypair request) {
        KeyMaterial material = keyMaterials.parsePublicKey(request.type(), request.publicKey(), "keypair.public_key");
        KeyProtectionRequest protection = request.keyProtection();
        if (protection != null) {
            if (protection.privateKey() == null) {
                throw KpsException.invalid(PRIVATE_KEY_FIELD + " is required "
                        + "to host the private key of an imported key pair");
            }
            checkMatches(protection.privateKey(), material.javaKey(), request.name());
        }
        return material;
    }

    /** Each entry on its own: stored whole, or not at all with the reason. */
    public BatchImportResult batchImport(Caller caller, List<NewKeypair> requests) {
        List<CreatedKeypair> succeeded = new ArrayList<>();
        List<BatchImportResult.Failure> failed = new ArrayList<>();
        for (NewKeypair request : requests) {
            try {
                succeeded.add(create(caller, request));
            } catch (KpsException e) {
                failed.add(new BatchImportResult.Failure(request.name(), e.error().code() + ": " + e.getMessage()));
            }
        }
        return new BatchImportResult(succeeded, failed);
    }

    /** A page of at most {@code limit} key pairs after {@code marker} (null: from the start), by name. */
    public KeypairPage list(Caller caller, int limit, String marker) {
        if (marker != null && !store.isKnownMarker(caller.projectId(), caller.userId(), marker)) {
            throw KpsException.invalid("marker '" + marker + "' does not name a key pair of this listing");
        }
        // One more than asked tells whether another page follows.
        List<Keypair> found = store.listVisible(caller.projectId(), caller.userId(), marker, limit + 1);
        if (found.size() > limit) {
            List<Keypair> page = found.subList(0, limit);
            return new KeypairPage(List.copyOf(page), page.get(limit - 1).name());
        }
        return new KeypairPage(found, null);
    }

    public Keypair show(Caller caller, String name) {
        return find(caller, name);
    }

    public void updateDescription(Caller caller, String name, String description) {
        transaction.executeWithoutResult(status ->
                store.updateDescription(find(caller, name).id(), description, clock.millis()));
    }

    public void delete(Caller caller, String name) {
        transaction.executeWithoutResult(status -> {
            if (!store.delete(find(caller, name), clock.millis())) {
                throw KpsException.keypairNotFound(name);
            }
        });
    }

    /** Hosts (or re-hosts) a key pair's private key; returns the key pair as it now is. */
    public Keypair importPrivateKey(Caller caller, String name, String userId, String privateKey,
                                    Protection protection) {
        check(protection);
        Keypair keypair = find(caller, name);
        if (userId != null && !userId.equals(keypair.userId())) {
            throw KpsException.keypairNotFound(name);
        }
        PublicKey publicKey = keyMaterials.parsePublicKey(keypair.type(), keypair.publicKey(), "public_key").javaKey();
        checkMatches(privateKey, publicKey, name);
        return transaction.execute(status -> {
            // Looked up again inside the transaction: the key pair may have gone meanwhile.
            return host(find(caller, name), privateKey, protection, clock.millis());
        });
    }

    /** The hosted private key, byte for byte as it was hosted. */
    public ExportedPrivateKey exportPrivateKey(Caller caller, String name) {
        Keypair keypair = find(caller, name);
        return store.findHostedKey(keypair.id())
                .map(sealed -> new ExportedPrivateKey(name, vault.unseal(sealed, context(keypair))))
                .orElseThrow(() -> new KpsException(KpsError.NO_PRIVATE_KEY_HOSTED,
                        "key pair '" + name + "' has no hosted private key"));
    }

    /** The hosted private keys of several key pairs, in the order named; all or nothing. */
    public List<ExportedPrivateKey> batchExportPrivateKeys(Caller caller, List<String> names) {
        if (new HashSet<>(names).size() != names.size()) {
            throw KpsException.invalid("each key pair may be named once in a batch export");
        }
        return names.stream().map(name -> exportPrivateKey(caller, name)).toList();
    }

    /** Removes the hosted private key; harmless when none is hosted. */
    public void clearPrivateKey(Caller caller, String name) {
        transaction.executeWithoutResult(status -> store.clearHostedKey(find(caller, name).id(), clock.millis()));
    }

    private Keypair find(Caller caller, String name) {
        return store.findVisible(caller.projectId(), caller.userId(), name)
                .orElseThrow(() -> KpsException.keypairNotFound(name));
    }

    // Under the master key the store records, read under a lock: a re-seal waits for this transaction (decision 53).
    private Keypair host(Keypair keypair, String privateKey, Protection protection, long now) {
        String masterKey = protection.type() == ProtectionType.DEFAULT
                ? store.lockedKeyCheckValue(PrivateKeyVault.MASTER_KEY) : null;
        return store.host(keypair, vault.seal(privateKey, protection, context(keypair), masterKey), now);
    }

    private void checkMatches(String privateKey, PublicKey publicKey, String keypairName) {
        if (!keyMaterials.privateKeyMatches(privateKey, publicKey, PRIVATE_KEY_FIELD)) {
            throw new KpsException(KpsError.PRIVATE_KEY_MISMATCH,
                    "the imported private key does not match the public key of key pair '" + keypairName + "'");
        }
    }

    private void check(Protection protection) {
        try {
            vault.check(protection);
        } catch (InvalidKeyProtectionException e) {
            throw KpsException.invalid("keypair.key_protection.encryption: " + e.getMessage());
        }
    }

    // Binds a sealed private key to its row: copied onto another key pair, it no longer opens.
    private static String context(Keypair keypair) {
        return keypair.projectId() + "/" + keypair.id();
    }
}
