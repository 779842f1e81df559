package org.openkps.server.keypair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.openkps.server.auth.Caller;
import org.openkps.server.error.KpsError;
import org.openkps.server.error.KpsException;
import org.openkps.server.keypair.NewKeypair.KeyProtectionRequest;
import org.openkps.server.store.KeypairRepository;
import org.openkps.server.vault.InvalidKeyProtectionException;
import org.openkps.server.vault.PrivateKeyVault;
import org.openkps.server.vault.Protection;
import org.openkps.server.vault.SealedPrivateKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What KPS does with key pairs. Every operation sees only what the caller may see; every change
 * is one transaction, so a failure stores nothing. Key material is checked and keys generated
 * before a transaction opens.
 */
@Service
public class KeypairService {

    public static final int MAX_BATCH = 10;

    private final KeypairRepository repository;
    private final KeyMaterials keyMaterials;
    private final PrivateKeyVault vault;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public KeypairService(KeypairRepository repository, KeyMaterials keyMaterials, PrivateKeyVault vault,
                          TransactionTemplate transaction, Clock clock) {
        this.repository = repository;
        this.keyMaterials = keyMaterials;
        this.vault = vault;
        this.transaction = transaction;
        this.clock = clock;
    }

    public CreatedKeypair create(Caller caller, NewKeypair request) {
        KeypairType type = request.type() == null ? KeypairType.SSH : request.type();
        KeyProtectionRequest protection = request.keyProtection();
        if (protection != null) {
            resolve(protection.protection());
        }
        KeyMaterial material;
        String hostedPrivateKey = null;
        if (request.publicKey() == null) {
            if (protection != null && protection.privateKey() != null) {
                throw KpsException.invalid("keypair.key_protection.private_key is only for an imported key pair: "
                        + "send keypair.public_key with it, or leave it out to host the generated private key");
            }
            material = keyMaterials.generate(type, request.name());
            hostedPrivateKey = protection == null ? null : material.privateKey();
        } else {
            material = keyMaterials.parsePublicKey(type, request.publicKey(), "keypair.public_key");
            if (protection != null) {
                if (protection.privateKey() == null) {
                    throw KpsException.invalid("keypair.key_protection.private_key is required "
                            + "to host the private key of an imported key pair");
                }
                keyMaterials.checkPrivateKey(protection.privateKey(), material.javaKey(), request.name(),
                        "keypair.key_protection.private_key");
                hostedPrivateKey = protection.privateKey();
            }
        }
        long now = clock.millis();
        Keypair unsaved = new Keypair(0, caller.projectId(), request.name(), type,
                request.scope() == null ? KeypairScope.USER : request.scope(),
                request.userId() == null ? caller.userId() : request.userId(),
                material.publicKey(), material.fingerprint(), material.algorithm(), "", 0, now, now,
                null);
        String toHost = hostedPrivateKey;
        Keypair saved = transaction.execute(status -> {
            long id;
            try {
                id = repository.insert(unsaved);
            } catch (DuplicateKeyException e) {
                throw KpsException.invalid("keypair.name '" + request.name()
                        + "' is already used by another key pair of the project");
            }
            if (toHost == null) {
                return unsaved.stored(id, null, now);
            }
            SealedPrivateKey sealed = vault.seal(toHost, protection.protection(), context(caller.projectId(), id));
            repository.putHostedKey(id, sealed);
            return unsaved.stored(id, hostedKey(sealed), now);
        });
        return new CreatedKeypair(saved, material.privateKey());
    }

    /** Each entry on its own: stored whole, or not at all with the reason. */
    public BatchImportResult batchImport(Caller caller, List<NewKeypair> requests) {
        if (requests.size() > MAX_BATCH) {
            throw KpsException.invalid("a batch holds at most " + MAX_BATCH + " key pairs, got " + requests.size());
        }
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

    public KeypairPage list(Caller caller, Integer limit, String marker) {
        int pageSize = limit == null ? 50 : limit;
        if (pageSize < 1 || pageSize > 1000) {
            throw KpsException.invalid("limit must be between 1 and 1000, got " + pageSize);
        }
        if (marker != null && !repository.isKnownMarker(caller.projectId(), caller.userId(), marker)) {
            throw KpsException.invalid("marker '" + marker + "' does not name a key pair of this listing");
        }
        // One more than asked tells whether another page follows.
        List<Keypair> found = repository.listVisible(caller.projectId(), caller.userId(), marker, pageSize + 1);
        if (found.size() > pageSize) {
            List<Keypair> page = found.subList(0, pageSize);
            return new KeypairPage(List.copyOf(page), page.get(pageSize - 1).name());
        }
        return new KeypairPage(found, null);
    }

    public Keypair show(Caller caller, String name) {
        return find(caller, name);
    }

    public void updateDescription(Caller caller, String name, String description) {
        transaction.executeWithoutResult(status -> {
            Keypair keypair = find(caller, name);
            repository.updateDescription(keypair.id(), description, clock.millis());
        });
    }

    public void delete(Caller caller, String name) {
        transaction.executeWithoutResult(status -> repository.delete(find(caller, name), clock.millis()));
    }

    /** Hosts (or re-hosts) a key pair's private key; returns the key pair as it now is. */
    public Keypair importPrivateKey(Caller caller, String name, String userId, String privateKey,
                                    Protection protection) {
        resolve(protection);
        Keypair keypair = find(caller, name);
        if (userId != null && !userId.equals(keypair.userId())) {
            throw KpsException.keypairNotFound(name);
        }
        keyMaterials.checkPrivateKey(privateKey, keyMaterials.publicKeyOf(keypair), name,
                "keypair.key_protection.private_key");
        return transaction.execute(status -> {
            // Looked up again inside the transaction: the key pair may have gone meanwhile.
            Keypair current = find(caller, name);
            SealedPrivateKey sealed = vault.seal(privateKey, protection, context(current.projectId(), current.id()));
            repository.putHostedKey(current.id(), sealed);
            long now = clock.millis();
            repository.touch(current.id(), now);
            return current.stored(current.id(), hostedKey(sealed), now);
        });
    }

    /** The hosted private key, byte for byte as it was hosted. */
    public String exportPrivateKey(Caller caller, String name) {
        Keypair keypair = find(caller, name);
        return repository.findHostedKey(keypair.id())
                .map(sealed -> vault.unseal(sealed, context(keypair.projectId(), keypair.id())))
                .orElseThrow(() -> new KpsException(KpsError.NO_PRIVATE_KEY_HOSTED,
                        "key pair '" + name + "' has no hosted private key"));
    }

    /** A zip with one {@code <name>.pem} per key pair; all or nothing. */
    public byte[] batchExportPrivateKeys(Caller caller, List<String> names) {
        if (names.size() > MAX_BATCH) {
            throw KpsException.invalid("a batch holds at most " + MAX_BATCH + " key pairs, got " + names.size());
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw KpsException.invalid("each key pair may be named once in a batch export");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name : names) {
            keys.put(name, exportPrivateKey(caller, name));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> key : keys.entrySet()) {
                zip.putNextEntry(new ZipEntry(key.getKey() + ".pem"));
                zip.write(key.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Removes the hosted private key; harmless when none is hosted. */
    public void clearPrivateKey(Caller caller, String name) {
        transaction.executeWithoutResult(status -> {
            Keypair keypair = find(caller, name);
            if (repository.deleteHostedKey(keypair.id())) {
                repository.touch(keypair.id(), clock.millis());
            }
        });
    }

    private Keypair find(Caller caller, String name) {
        return repository.findVisible(caller.projectId(), caller.userId(), name)
                .orElseThrow(() -> KpsException.keypairNotFound(name));
    }

    private void resolve(Protection protection) {
        try {
            vault.resolve(protection);
        } catch (InvalidKeyProtectionException e) {
            throw KpsException.invalid("keypair.key_protection.encryption: " + e.getMessage());
        }
    }

    private static HostedKey hostedKey(SealedPrivateKey sealed) {
        return new HostedKey(sealed.type(), sealed.kmsKeyId(), sealed.kmsKeyName());
    }

    // Binds a sealed private key to its row: copied onto another key pair, it no longer opens.
    private static String context(String projectId, long keypairId) {
        return projectId + "/" + keypairId;
    }
}
