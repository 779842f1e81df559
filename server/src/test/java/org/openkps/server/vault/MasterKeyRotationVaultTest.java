package org.openkps.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkps.server.vault.VaultFixtures.CONTEXT;
import static org.openkps.server.vault.VaultFixtures.KEY_A;
import static org.openkps.server.vault.VaultFixtures.KEY_A_ID;
import static org.openkps.server.vault.VaultFixtures.PEM;
import static org.openkps.server.vault.VaultFixtures.base64;
import static org.openkps.server.vault.VaultFixtures.defaultProtection;
import static org.openkps.server.vault.VaultFixtures.kms;
import static org.openkps.server.vault.VaultFixtures.randomKey;
import static org.openkps.server.vault.VaultFixtures.settings;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.keypair.PrivateKeyVault;
import org.openkps.server.keypair.SealedPrivateKey;

/** The vault's side of a master-key rotation: previous keys open, the store's key seals, a re-wrap keeps the key. */
class MasterKeyRotationVaultTest {

    private static final String OLD = base64(randomKey());
    private static final String NEW = base64(randomKey());

    @TempDir
    Path dataDir;

    @Test
    void aPreviousMasterKeyStillOpensWhatItSealed() {
        SealedPrivateKey sealed = vault(OLD).seal(PEM, defaultProtection(), CONTEXT);

        assertThat(vault(NEW, OLD).unseal(sealed, CONTEXT)).isEqualTo(PEM);
        assertThatThrownBy(() -> vault(NEW).unseal(sealed, CONTEXT)).isInstanceOf(VaultException.class)
                .hasMessageNotContaining(NEW).hasMessageNotContaining(OLD);
    }

    @Test
    void itSealsUnderTheMasterKeyTheStoreNamesCurrentOrPrevious() {
        HostedKeyVault rotating = vault(NEW, OLD);
        String oldCheck = vault(OLD).keyCheckValues().get(PrivateKeyVault.MASTER_KEY);

        SealedPrivateKey underOld = rotating.seal(PEM, defaultProtection(), CONTEXT, oldCheck);
        SealedPrivateKey underNew = rotating.seal(PEM, defaultProtection(), CONTEXT,
                rotating.keyCheckValues().get(PrivateKeyVault.MASTER_KEY));

        assertThat(rotating.previousMasterKeyCheckValues()).containsExactly(oldCheck);
        assertThat(vault(OLD).unseal(underOld, CONTEXT)).as("servers not yet restarted open it").isEqualTo(PEM);
        assertThat(vault(NEW).unseal(underNew, CONTEXT)).isEqualTo(PEM);
        assertThatThrownBy(() -> vault(OLD).seal(PEM, defaultProtection(), CONTEXT,
                rotating.keyCheckValues().get(PrivateKeyVault.MASTER_KEY)))
                .as("a server without the store's master key seals nothing").isInstanceOf(VaultException.class);
    }

    @Test
    void aResealRewrapsOnlyTheDataKeyAndIsNeededOnce() {
        SealedPrivateKey sealed = vault(OLD).seal(PEM, defaultProtection(), CONTEXT);
        HostedKeyVault rotating = vault(NEW, OLD);

        SealedPrivateKey resealed = rotating.resealUnderCurrentMasterKey(sealed, CONTEXT).orElseThrow();

        assertThat(resealed.ciphertext()).isEqualTo(sealed.ciphertext());
        assertThat(resealed.wrappedDataKey()).isNotEqualTo(sealed.wrappedDataKey());
        assertThat(vault(NEW).unseal(resealed, CONTEXT)).isEqualTo(PEM);
        assertThat(rotating.resealUnderCurrentMasterKey(resealed, CONTEXT)).as("again: nothing to do").isEmpty();
        assertThatThrownBy(() -> rotating.resealUnderCurrentMasterKey(sealed, "another/row"))
                .as("the context still binds it").isInstanceOf(VaultException.class);
    }

    @Test
    void whatNoMasterKeyOfTheServerOpensIsNotResealed() {
        SealedPrivateKey stranger = vault(base64(randomKey())).seal(PEM, defaultProtection(), CONTEXT);

        assertThatThrownBy(() -> vault(NEW, OLD).resealUnderCurrentMasterKey(stranger, CONTEXT))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void kmsProtectedKeysAreNotTheMasterKeysBusiness() {
        HostedKeyVault withRing = new HostedKeyVault(settings(dataDir).ring(KEY_A).masterKeys(NEW, OLD).kps());
        SealedPrivateKey sealed = withRing.seal(PEM, kms(KEY_A_ID, null), CONTEXT);

        assertThat(withRing.resealUnderCurrentMasterKey(sealed, CONTEXT)).isEmpty();
    }

    @Test
    void aPreviousMasterKeyThatIsNotBase64Of32BytesIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> vault(NEW, "c2hvcnQ="))
                .hasMessageContaining("kps.vault.previous-master-keys[0]").hasMessageNotContaining("c2hvcnQ=");
    }

    private HostedKeyVault vault(String masterKey, String... previous) {
        return new HostedKeyVault(settings(dataDir).masterKeys(masterKey, previous).kps());
    }
}
