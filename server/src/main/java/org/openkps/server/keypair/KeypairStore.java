package org.openkps.server.keypair;

import java.util.List;
import java.util.Optional;

/**
 * Where key pairs and their sealed private keys are kept: the port the key-pair core owns and a store
 * adapter implements. "Visible" always means: of the project, and domain-scoped or the user's own.
 * The service calls it inside its transactions.
 */
public interface KeypairStore {

    /**
     * Stores a new key pair (its id is ignored) and returns it as stored, or empty when its name is
     * already taken in the project. The store decides, so two requests racing for one name cannot both win.
     */
    Optional<Keypair> insert(Keypair keypair);

    Optional<Keypair> findVisible(String projectId, String userId, String name);

    /** Up to {@code limit} visible key pairs with names after {@code afterName} (null: from the start), by name. */
    List<Keypair> listVisible(String projectId, String userId, String afterName, int limit);

    /** Whether a list marker is a name the caller can have been given: a visible key pair, or a deleted one. */
    boolean isKnownMarker(String projectId, String userId, String name);

    void updateDescription(long keypairId, String description, long updateTime);

    /**
     * Deletes the key pair (its hosted private key goes with it) and remembers its name for list markers;
     * false when it was already gone (deleted meanwhile by another request).
     */
    boolean delete(Keypair keypair, long deleteTime);

    /** Hosts a sealed private key for the key pair, replacing one hosted before; returns the key pair as it now is. */
    Keypair host(Keypair keypair, SealedPrivateKey sealed, long updateTime);

    Optional<SealedPrivateKey> findHostedKey(long keypairId);

    /** Removes the hosted private key and touches the key pair; true when there was one. */
    boolean clearHostedKey(long keypairId, long updateTime);

    /**
     * Removes every key pair, hosted private key and remembered list marker of the project, or of
     * every project when {@code projectId} is null: the emulator's reset. A store of anything else
     * a project owns has a method like it, and the reset calls each in one transaction.
     */
    void deleteAll(String projectId);

    /** Whether the store answers a trivial query now; false (never an exception) when it does not. */
    boolean answers();

    /**
     * The check value recorded for a key-encryption key: {@code proposed} when none was recorded yet
     * (the first server to ask records it), else the one recorded before.
     */
    String keyCheckValue(String keyName, String proposed);
}
