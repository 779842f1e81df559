package org.openkps.server.keypair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.KpsSettings;
import org.openkps.server.keypair.NewKeypair.KeyProtectionRequest;

/**
 * A master-key rotation on the core with its real adapters, several "servers" on one database: the key
 * check during each step, the re-seal's counts, and that a second re-seal changes nothing.
 */
class MasterKeyRotationTest {

    private static final Caller ALICE = new Caller("0b7a2f3c9d4e45f6a1b2c3d4e5f60718",
            "a11ce000000000000000000000000001", "domain", false);
    private static final Protection DEFAULT = new Protection(ProtectionType.DEFAULT, null, null);
    private static final Protection KMS = new Protection(ProtectionType.KMS, KeypairCore.KMS_KEY_ID, null);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OLD = randomKey();
    private static final String NEW = randomKey();

    @TempDir
    Path dataDir;
    private DataSource database;
    private final Map<String, String> privateKeys = new LinkedHashMap<>();

    @BeforeEach
    void aFleetOnTheOldKeyWithHostedKeys() {
        database = KeypairCore.newDatabase();
        KeypairCore old = server(OLD);
        old.keyCheck.afterSingletonsInstantiated();
        for (int i = 0; i < 5; i++) {
            create(old, "old-" + i, DEFAULT);
        }
        create(old, "old-kms", KMS);
    }

    @Test
    void aRotationStepByStep() {
        KeypairCore notYetRestarted = server(OLD);
        KeypairCore restarted = server(NEW, OLD);
        restarted.keyCheck.afterSingletonsInstantiated();

        create(restarted, "during-restarts", DEFAULT);
        assertExportsByteForByte(notYetRestarted);
        assertThatThrownBy(() -> server(NEW).keyCheck.afterSingletonsInstantiated())
                .as("the new key alone, before the re-seal").isInstanceOf(KeyMismatchException.class);

        ResealResult first = restarted.rotation.reseal();
        assertThat(first).isEqualTo(new ResealResult(6, 0, 0, true));
        ResealResult second = server(NEW, OLD).rotation.reseal();
        assertThat(second).as("the second run changes nothing and says so").isEqualTo(new ResealResult(0, 6, 0, false));

        KeypairCore newOnly = server(NEW);
        newOnly.keyCheck.afterSingletonsInstantiated();
        create(newOnly, "after", DEFAULT);
        assertExportsByteForByte(newOnly);
        assertThatThrownBy(() -> server(OLD).keyCheck.afterSingletonsInstantiated())
                .isInstanceOf(KeyMismatchException.class)
                .hasMessageContaining("master key");
        assertThat(server(NEW).rotation.reseal()).isEqualTo(new ResealResult(0, 7, 0, false));
    }

    @Test
    void aServerWithNeitherKeyIsRefusedAndAResealOfItsOwnRefused() {
        assertThatThrownBy(() -> server(NEW).keyCheck.afterSingletonsInstantiated())
                .isInstanceOf(KeyMismatchException.class);
        assertThatThrownBy(() -> server(NEW).rotation.reseal()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing was re-sealed");
        assertExportsByteForByte(server(OLD));
    }

    @Test
    void anUnfinishedResealStillNeedsTheKeyItRotatesFrom() {
        KeypairCore restarted = server(NEW, OLD);
        // As a re-seal that stopped after recording the new key: the old one is still recorded beside it.
        restarted.store.recordKeyCheckValue(MasterKeyRotation.ROTATED_FROM,
                server(OLD).vault.keyCheckValues().get(PrivateKeyVault.MASTER_KEY));
        restarted.store.recordKeyCheckValue(PrivateKeyVault.MASTER_KEY,
                restarted.vault.keyCheckValues().get(PrivateKeyVault.MASTER_KEY));

        assertThatThrownBy(() -> server(NEW).keyCheck.afterSingletonsInstantiated())
                .isInstanceOfSatisfying(KeyMismatchException.class, e -> assertThat(e.unfinishedReseal()).isTrue());
        assertThat(restarted.rotation.reseal()).isEqualTo(new ResealResult(5, 0, 0, false));
        server(NEW).keyCheck.afterSingletonsInstantiated();
        assertExportsByteForByte(server(NEW));
    }

    @Test
    void aKeyReHostedBeforeTheResealIsSealedUnderTheRecordedKeyAndResealedWithTheRest() {
        KeypairCore restarted = server(NEW, OLD);
        restarted.service.delete(ALICE, "old-0");
        privateKeys.remove("old-0");
        restarted.service.importPrivateKey(ALICE, "old-1", null, privateKeys.get("old-1"), DEFAULT);
        assertExportsByteForByte(server(OLD));

        assertThat(restarted.rotation.reseal()).isEqualTo(new ResealResult(4, 0, 0, true));
        assertExportsByteForByte(server(NEW));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private KeypairCore server(String masterKey, String... previous) {
        return KeypairCore.on(database, dataDir, new KpsSettings.Vault(masterKey, List.of(previous)));
    }

    private void create(KeypairCore core, String name, Protection protection) {
        NewKeypair request = new NewKeypair(name, KeypairType.SSH, null, KeypairScope.USER, null,
                new KeyProtectionRequest(null, protection));
        privateKeys.put(name, core.service.create(ALICE, request).privateKey());
    }

    private void assertExportsByteForByte(KeypairCore core) {
        privateKeys.forEach((name, privateKey) -> assertThat(core.service.exportPrivateKey(ALICE, name).privateKey())
                .as("export of %s", name).isEqualTo(privateKey));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
