package org.openkps.server.vault;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.openkps.server.KpsSettings;
import org.openkps.server.KpsSettings.KmsKey;
import org.openkps.server.keypair.Protection;
import org.openkps.server.keypair.ProtectionType;

/** What the vault tests share: a private key to seal, a two-key ring, and settings built from the parts the vault reads. */
final class VaultFixtures {

    static final String PEM_BODY =
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"
            + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu";
    static final String PEM = "-----BEGIN PRIVATE KEY-----\n"
            + PEM_BODY.substring(0, 64) + "\n" + PEM_BODY.substring(64) + "\n"
            + "-----END PRIVATE KEY-----\n";
    static final String CONTEXT = "project-1/keypair-1";

    static final String KEY_A_ID = "0d0466b0-e727-4d9c-b35d-f84bb474a37f";
    static final String KEY_A_NAME = "alpha";
    static final String KEY_B_ID = "2b8c1f0e-5a6d-4e7f-8a9b-0c1d2e3f4a5b";
    static final String KEY_B_NAME = "beta";

    /** Ring keys without a secret: their key files are generated under the data dir on first use. */
    static final KmsKey KEY_A = new KmsKey(KEY_A_ID, KEY_A_NAME, null);
    static final KmsKey KEY_B = new KmsKey(KEY_B_ID, KEY_B_NAME, null);

    private VaultFixtures() {
    }

    /** Settings with {@code dataDir}, an empty {@code kps.kms} section and no configured master key. */
    static Settings settings(Path dataDir) {
        return new Settings(dataDir, new KpsSettings.Kms(List.of()), new KpsSettings.Vault(null));
    }

    /** The parts of {@link KpsSettings} the vault reads; everything else is left at its default. */
    record Settings(Path dataDir, KpsSettings.Kms kms, KpsSettings.Vault vault) {

        /** {@code kps.kms.keys}. */
        Settings ring(KmsKey... keys) {
            return new Settings(dataDir, new KpsSettings.Kms(List.of(keys)), vault);
        }

        /** {@code kps.vault.master-key}. */
        Settings masterKey(String masterKey) {
            return new Settings(dataDir, kms, new KpsSettings.Vault(masterKey));
        }

        /** {@code kps.vault.master-key} and {@code kps.vault.previous-master-keys}. */
        Settings masterKeys(String masterKey, String... previous) {
            return new Settings(dataDir, kms, new KpsSettings.Vault(masterKey, List.of(previous)));
        }

        /** No {@code kps.kms} and no {@code kps.vault} section at all. */
        Settings withoutSections() {
            return new Settings(dataDir, null, null);
        }

        KpsSettings kps() {
            return new KpsSettings(dataDir, List.of(), kms, vault, 1_048_576, java.time.Duration.ofSeconds(10), java.time.Duration.ofDays(7),
                    new KpsSettings.Ecs(List.of(), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30)),
                    new KpsSettings.Admin(null), new KpsSettings.Keygen(0));
        }
    }

    static Protection defaultProtection() {
        return new Protection(ProtectionType.DEFAULT, null, null);
    }

    static Protection kms(String kmsKeyId, String kmsKeyName) {
        return new Protection(ProtectionType.KMS, kmsKeyId, kmsKeyName);
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
