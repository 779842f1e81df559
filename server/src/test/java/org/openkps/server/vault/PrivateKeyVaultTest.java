package org.openkps.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.config.KpsProperties;

class PrivateKeyVaultTest {

    private static final String PEM_BODY =
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"
            + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu";
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\n"
            + PEM_BODY.substring(0, 64) + "\n" + PEM_BODY.substring(64) + "\n"
            + "-----END PRIVATE KEY-----\n";
    private static final String CONTEXT = "project-1/keypair-1";

    private static final String KEY_A_ID = "0d0466b0-e727-4d9c-b35d-f84bb474a37f";
    private static final String KEY_A_NAME = "alpha";
    private static final String KEY_B_ID = "2b8c1f0e-5a6d-4e7f-8a9b-0c1d2e3f4a5b";
    private static final String KEY_B_NAME = "beta";

    @TempDir
    Path dataDir;

    // ---------------------------------------------------------------- round trips

    @Test
    void roundTripDefault() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        SealedPrivateKey sealed = vault.seal(PEM, Protection.defaultProtection(), CONTEXT);

        assertThat(sealed.type()).isEqualTo(ProtectionType.DEFAULT);
        assertThat(sealed.kmsKeyId()).isNull();
        assertThat(sealed.kmsKeyName()).isNull();
        assertThat(sealed.wrappedDataKey()[0]).isEqualTo((byte) 1);
        assertThat(sealed.ciphertext()[0]).isEqualTo((byte) 1);
        assertThat(sealed.wrappedDataKey()).hasSize(1 + 12 + 32 + 16);
        assertThat(sealed.ciphertext()).hasSize(1 + 12 + PEM.length() + 16);
        assertThat(vault.unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void defaultProtectionIgnoresKmsFields() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        SealedPrivateKey sealed = vault.seal(PEM, new Protection(ProtectionType.DEFAULT, "nope", "nope"), CONTEXT);

        assertThat(sealed.kmsKeyId()).isNull();
        assertThat(sealed.kmsKeyName()).isNull();
        assertThat(vault.unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void roundTripKmsById() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        SealedPrivateKey sealed = vault.seal(PEM, Protection.kms(KEY_B_ID, null), CONTEXT);

        assertThat(sealed.type()).isEqualTo(ProtectionType.KMS);
        assertThat(sealed.kmsKeyId()).isEqualTo(KEY_B_ID);
        assertThat(sealed.kmsKeyName()).isEqualTo(KEY_B_NAME);
        assertThat(vault.unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void roundTripKmsByName() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        SealedPrivateKey sealed = vault.seal(PEM, Protection.kms(null, KEY_A_NAME), CONTEXT);

        assertThat(sealed.type()).isEqualTo(ProtectionType.KMS);
        assertThat(sealed.kmsKeyId()).isEqualTo(KEY_A_ID);
        assertThat(sealed.kmsKeyName()).isEqualTo(KEY_A_NAME);
        assertThat(vault.unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void roundTripKmsByIdAndName() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        SealedPrivateKey sealed = vault.seal(PEM, Protection.kms(KEY_A_ID, KEY_A_NAME), CONTEXT);

        assertThat(sealed.kmsKeyId()).isEqualTo(KEY_A_ID);
        assertThat(sealed.kmsKeyName()).isEqualTo(KEY_A_NAME);
        assertThat(vault.unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void roundTripKmsKeyWithoutName() {
        PrivateKeyVault vault = vault(props(dataDir, null, List.of(new KpsProperties.KmsKey("only-id", null, null))));

        SealedPrivateKey sealed = vault.seal(PEM, Protection.kms("only-id", " "), CONTEXT);

        assertThat(sealed.kmsKeyId()).isEqualTo("only-id");
        assertThat(sealed.kmsKeyName()).isNull();
        assertThat(vault.unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void roundTripNonAsciiAndLongText() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        String text = "ключ 🔑 ".repeat(2000);

        assertThat(vault.unseal(vault.seal(text, Protection.defaultProtection(), "ctx/ü"), "ctx/ü")).isEqualTo(text);
    }

    @Test
    void emptyPrivateKeyIsRejected() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        assertThatThrownBy(() -> vault.seal("", Protection.defaultProtection(), CONTEXT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- binding and tampering

    @Test
    void wrongContextFails() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        SealedPrivateKey byDefault = vault.seal(PEM, Protection.defaultProtection(), CONTEXT);
        SealedPrivateKey byKms = vault.seal(PEM, Protection.kms(KEY_A_ID, null), CONTEXT);

        for (SealedPrivateKey sealed : List.of(byDefault, byKms)) {
            assertThatThrownBy(() -> vault.unseal(sealed, "project-1/keypair-2"))
                    .isInstanceOf(VaultException.class)
                    .hasMessageNotContaining(PEM_BODY.substring(0, 20));
            assertThatThrownBy(() -> vault.unseal(sealed, "project-2/keypair-1"))
                    .isInstanceOf(VaultException.class);
            assertThatThrownBy(() -> vault.unseal(sealed, ""))
                    .isInstanceOf(VaultException.class);
        }
    }

    @Test
    void ciphertextSwappedBetweenRowsFails() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        SealedPrivateKey one = vault.seal(PEM, Protection.defaultProtection(), "p/k1");
        SealedPrivateKey two = vault.seal(PEM, Protection.defaultProtection(), "p/k2");

        SealedPrivateKey mixed = new SealedPrivateKey(ProtectionType.DEFAULT, null, null,
                one.wrappedDataKey(), two.ciphertext());

        assertThatThrownBy(() -> vault.unseal(mixed, "p/k1")).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.unseal(mixed, "p/k2")).isInstanceOf(VaultException.class);
    }

    @Test
    void tamperedCiphertextFails() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        SealedPrivateKey sealed = vault.seal(PEM, Protection.defaultProtection(), CONTEXT);
        byte[] ciphertext = sealed.ciphertext();

        for (int position : new int[] {1, 5, 13, ciphertext.length / 2, ciphertext.length - 1}) {
            byte[] tampered = ciphertext.clone();
            tampered[position] ^= 0x01;
            SealedPrivateKey bad = new SealedPrivateKey(sealed.type(), null, null, sealed.wrappedDataKey(), tampered);
            assertThatThrownBy(() -> vault.unseal(bad, CONTEXT))
                    .as("flipped bit at %d", position)
                    .isInstanceOf(VaultException.class)
                    .hasMessageContaining("does not open");
        }
    }

    @Test
    void tamperedWrappedKeyFails() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        for (Protection protection : List.of(Protection.defaultProtection(), Protection.kms(KEY_B_ID, null))) {
            SealedPrivateKey sealed = vault.seal(PEM, protection, CONTEXT);
            byte[] wrapped = sealed.wrappedDataKey();
            for (int position : new int[] {1, 12, 20, wrapped.length - 1}) {
                byte[] tampered = wrapped.clone();
                tampered[position] ^= (byte) 0x80;
                SealedPrivateKey bad = new SealedPrivateKey(sealed.type(), sealed.kmsKeyId(), sealed.kmsKeyName(),
                        tampered, sealed.ciphertext());
                assertThatThrownBy(() -> vault.unseal(bad, CONTEXT))
                        .as("flipped bit at %d", position)
                        .isInstanceOf(VaultException.class);
            }
        }
    }

    @Test
    void truncatedOrUnknownVersionFails() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        SealedPrivateKey sealed = vault.seal(PEM, Protection.defaultProtection(), CONTEXT);

        SealedPrivateKey truncated = new SealedPrivateKey(ProtectionType.DEFAULT, null, null,
                Arrays.copyOf(sealed.wrappedDataKey(), 20), sealed.ciphertext());
        assertThatThrownBy(() -> vault.unseal(truncated, CONTEXT))
                .isInstanceOf(VaultException.class).hasMessageContaining("truncated");

        SealedPrivateKey empty = new SealedPrivateKey(ProtectionType.DEFAULT, null, null,
                sealed.wrappedDataKey(), new byte[0]);
        assertThatThrownBy(() -> vault.unseal(empty, CONTEXT)).isInstanceOf(VaultException.class);

        byte[] version2 = sealed.ciphertext();
        version2[0] = 2;
        SealedPrivateKey future = new SealedPrivateKey(ProtectionType.DEFAULT, null, null,
                sealed.wrappedDataKey(), version2);
        assertThatThrownBy(() -> vault.unseal(future, CONTEXT))
                .isInstanceOf(VaultException.class).hasMessageContaining("version 2");
    }

    @Test
    void relabelledProtectionFails() {
        // same secret for both ring keys: only the binding of the key id stops the relabelling
        String secret = base64(randomKey());
        PrivateKeyVault vault = vault(props(dataDir, null, List.of(
                new KpsProperties.KmsKey(KEY_A_ID, KEY_A_NAME, secret),
                new KpsProperties.KmsKey(KEY_B_ID, KEY_B_NAME, secret))));
        SealedPrivateKey sealed = vault.seal(PEM, Protection.kms(KEY_A_ID, null), CONTEXT);

        SealedPrivateKey asB = new SealedPrivateKey(ProtectionType.KMS, KEY_B_ID, KEY_B_NAME,
                sealed.wrappedDataKey(), sealed.ciphertext());
        assertThatThrownBy(() -> vault.unseal(asB, CONTEXT)).isInstanceOf(VaultException.class);

        SealedPrivateKey asDefault = new SealedPrivateKey(ProtectionType.DEFAULT, null, null,
                sealed.wrappedDataKey(), sealed.ciphertext());
        assertThatThrownBy(() -> vault.unseal(asDefault, CONTEXT)).isInstanceOf(VaultException.class);

        SealedPrivateKey noId = new SealedPrivateKey(ProtectionType.KMS, null, KEY_A_NAME,
                sealed.wrappedDataKey(), sealed.ciphertext());
        assertThatThrownBy(() -> vault.unseal(noId, CONTEXT)).isInstanceOf(VaultException.class);

        // the stored name is informational: a renamed ring key still opens by id
        SealedPrivateKey renamed = new SealedPrivateKey(ProtectionType.KMS, KEY_A_ID, "old-name",
                sealed.wrappedDataKey(), sealed.ciphertext());
        assertThat(vault.unseal(renamed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void kmsKeyRemovedFromRingCannotOpen() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        SealedPrivateKey sealed = vault.seal(PEM, Protection.kms(KEY_B_ID, null), CONTEXT);

        PrivateKeyVault restarted = vault(props(dataDir, null, List.of(ringAB().get(0))));

        assertThatThrownBy(() -> restarted.unseal(sealed, CONTEXT))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining(KEY_B_ID)
                .hasMessageContaining("not in the key ring");
    }

    @Test
    void twoSealsOfTheSamePlaintextDiffer() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        for (Protection protection : List.of(Protection.defaultProtection(), Protection.kms(KEY_A_ID, null))) {
            SealedPrivateKey one = vault.seal(PEM, protection, CONTEXT);
            SealedPrivateKey two = vault.seal(PEM, protection, CONTEXT);

            assertThat(one.wrappedDataKey()).isNotEqualTo(two.wrappedDataKey());
            assertThat(one.ciphertext()).isNotEqualTo(two.ciphertext());
            assertThat(Arrays.copyOfRange(one.ciphertext(), 1, 13))
                    .isNotEqualTo(Arrays.copyOfRange(two.ciphertext(), 1, 13));
            assertThat(one).isNotEqualTo(two);
            assertThat(vault.unseal(one, CONTEXT)).isEqualTo(vault.unseal(two, CONTEXT)).isEqualTo(PEM);
        }
    }

    @Test
    void sealedBytesDoNotContainThePlaintext() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        byte[] pem = PEM.getBytes(StandardCharsets.UTF_8);
        byte[] body = PEM_BODY.substring(0, 16).getBytes(StandardCharsets.US_ASCII);
        byte[] der = Base64.getDecoder().decode(PEM_BODY.substring(0, 64));

        for (Protection protection : List.of(Protection.defaultProtection(), Protection.kms(null, KEY_B_NAME))) {
            SealedPrivateKey sealed = vault.seal(PEM, protection, CONTEXT);
            for (byte[] stored : List.of(sealed.wrappedDataKey(), sealed.ciphertext())) {
                assertThat(indexOf(stored, pem)).isNegative();
                assertThat(indexOf(stored, body)).isNegative();
                assertThat(indexOf(stored, Arrays.copyOf(der, 12))).isNegative();
                String asText = new String(stored, StandardCharsets.ISO_8859_1);
                assertThat(asText).doesNotContain("PRIVATE KEY").doesNotContain(PEM_BODY.substring(0, 16));
                assertThat(Base64.getEncoder().encodeToString(stored)).doesNotContain(PEM_BODY.substring(0, 16));
            }
            assertThat(sealed.toString()).doesNotContain(PEM_BODY.substring(0, 16)).contains("bytes");
        }
    }

    @Test
    void sealedPrivateKeyCopiesItsArrays() {
        byte[] wrapped = {1, 2, 3};
        SealedPrivateKey sealed = new SealedPrivateKey(ProtectionType.DEFAULT, null, null, wrapped, new byte[] {4});
        wrapped[0] = 9;
        sealed.wrappedDataKey()[1] = 9;

        assertThat(sealed.wrappedDataKey()).containsExactly(1, 2, 3);
        assertThat(sealed).isEqualTo(new SealedPrivateKey(ProtectionType.DEFAULT, null, null,
                new byte[] {1, 2, 3}, new byte[] {4}));
        assertThat(sealed.hashCode()).isEqualTo(new SealedPrivateKey(ProtectionType.DEFAULT, null, null,
                new byte[] {1, 2, 3}, new byte[] {4}).hashCode());
    }

    // ---------------------------------------------------------------- key-encryption keys

    @Test
    void masterKeyIsCreatedOnFirstNeedPersistedAndReused() throws Exception {
        Path masterFile = dataDir.resolve("keys").resolve("master.key");
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        assertThat(masterFile).doesNotExist();

        SealedPrivateKey sealed = vault.seal(PEM, Protection.defaultProtection(), CONTEXT);
        assertThat(masterFile).isRegularFile();
        String content = Files.readString(masterFile);
        assertThat(Base64.getDecoder().decode(content.trim())).hasSize(32);
        try (Stream<Path> files = Files.list(masterFile.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("master.key");
        }

        PrivateKeyVault restarted = vault(props(dataDir, null, ringAB()));
        assertThat(restarted.unseal(sealed, CONTEXT)).isEqualTo(PEM);
        restarted.seal(PEM, Protection.defaultProtection(), CONTEXT);
        assertThat(Files.readString(masterFile)).isEqualTo(content);
    }

    @Test
    void masterKeyIsCreatedOnFirstUnsealToo() {
        Path masterFile = dataDir.resolve("keys").resolve("master.key");
        SealedPrivateKey foreign = vault(props(dataDir.resolve("other"), null, List.of()))
                .seal(PEM, Protection.defaultProtection(), CONTEXT);
        PrivateKeyVault vault = vault(props(dataDir, null, List.of()));

        assertThatThrownBy(() -> vault.unseal(foreign, CONTEXT)).isInstanceOf(VaultException.class);
        assertThat(masterFile).isRegularFile();
    }

    @Test
    void kmsKeyFilesArePersistedAndOnlyCreatedWhenUsed() {
        Path keys = dataDir.resolve("keys");
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));
        assertThat(vault.resolve(Protection.kms(KEY_A_ID, KEY_A_NAME)).kmsKeyId()).isEqualTo(KEY_A_ID);
        assertThat(keys).doesNotExist();

        SealedPrivateKey sealed = vault.seal(PEM, Protection.kms(KEY_A_ID, null), CONTEXT);

        assertThat(keys.resolve("kms-" + KEY_A_ID + ".key")).isRegularFile();
        assertThat(keys.resolve("kms-" + KEY_B_ID + ".key")).doesNotExist();
        assertThat(keys.resolve("master.key")).doesNotExist();
        assertThat(vault(props(dataDir, null, ringAB())).unseal(sealed, CONTEXT)).isEqualTo(PEM);
        // a different data dir means different generated keys
        assertThatThrownBy(() -> vault(props(dataDir.resolve("elsewhere"), null, ringAB())).unseal(sealed, CONTEXT))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void kmsKeyFileNamesAreSanitized() {
        assertThat(PrivateKeyVault.kmsKeyFileName("abc-DEF_1.2")).isEqualTo("kms-abc-DEF_1.2.key");
        assertThat(PrivateKeyVault.kmsKeyFileName("../../etc/passwd"))
                .startsWith("kms-.._.._etc_passwd-").endsWith(".key").doesNotContain("/");
        assertThat(PrivateKeyVault.kmsKeyFileName("a/b")).isNotEqualTo(PrivateKeyVault.kmsKeyFileName("a_b"));
        assertThat(PrivateKeyVault.kmsKeyFileName("x".repeat(500)).length()).isLessThan(100);

        PrivateKeyVault vault = vault(props(dataDir, null, List.of(new KpsProperties.KmsKey("../evil", null, null))));
        vault.seal(PEM, Protection.kms("../evil", null), CONTEXT);
        try (Stream<Path> files = Files.list(dataDir.resolve("keys"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .singleElement().asString().startsWith("kms-.._evil-");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(dataDir.resolve("evil")).doesNotExist();
    }

    @Test
    void configuredMasterKeyIsUsedAndAnotherCannotOpen() {
        byte[] master = randomKey();
        PrivateKeyVault vault = vault(props(dataDir, base64(master), List.of()));

        SealedPrivateKey sealed = vault.seal(PEM, Protection.defaultProtection(), CONTEXT);

        assertThat(dataDir.resolve("keys")).doesNotExist();
        // the same configured key opens it, whatever the data dir
        assertThat(vault(props(dataDir.resolve("x"), base64(master), List.of())).unseal(sealed, CONTEXT))
                .isEqualTo(PEM);
        // URL-safe base64 with surrounding blanks is accepted too
        String urlSafe = " " + Base64.getUrlEncoder().encodeToString(master) + "\n";
        assertThat(vault(props(dataDir, urlSafe, List.of())).unseal(sealed, CONTEXT)).isEqualTo(PEM);
        // a different configured key does not
        assertThatThrownBy(() -> vault(props(dataDir, base64(randomKey()), List.of())).unseal(sealed, CONTEXT))
                .isInstanceOf(VaultException.class);
        // nor does the generated one
        assertThatThrownBy(() -> vault(props(dataDir, null, List.of())).unseal(sealed, CONTEXT))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void configuredKmsSecretIsUsedAndAnotherCannotOpen() {
        String secret = base64(randomKey());
        PrivateKeyVault vault = vault(props(dataDir, null,
                List.of(new KpsProperties.KmsKey(KEY_A_ID, KEY_A_NAME, secret))));

        SealedPrivateKey sealed = vault.seal(PEM, Protection.kms(null, KEY_A_NAME), CONTEXT);

        assertThat(dataDir.resolve("keys")).doesNotExist();
        assertThat(vault(props(dataDir.resolve("y"), null,
                List.of(new KpsProperties.KmsKey(KEY_A_ID, "renamed", secret)))).unseal(sealed, CONTEXT))
                .isEqualTo(PEM);
        assertThatThrownBy(() -> vault(props(dataDir, null,
                List.of(new KpsProperties.KmsKey(KEY_A_ID, KEY_A_NAME, base64(randomKey())))))
                .unseal(sealed, CONTEXT))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void handWrittenKeyFileIsRead() throws Exception {
        byte[] master = randomKey();
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(keys.resolve("master.key"), "\n  " + base64(master) + "  \r\n");

        SealedPrivateKey sealed = vault(props(dataDir, null, List.of()))
                .seal(PEM, Protection.defaultProtection(), CONTEXT);

        assertThat(vault(props(dataDir, base64(master), List.of())).unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void masterKeyFileIsOwnerOnly() throws Exception {
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        vault.seal(PEM, Protection.defaultProtection(), CONTEXT);
        vault.seal(PEM, Protection.kms(KEY_B_ID, null), CONTEXT);

        Path keys = dataDir.resolve("keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("master.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("kms-" + KEY_B_ID + ".key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
                .isEqualTo("rwx------");
    }

    @Test
    void concurrentFirstUseCreatesOneMasterKey() throws Exception {
        PrivateKeyVault vault = vault(props(dataDir, null, List.of()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<SealedPrivateKey>> tasks = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String context = "p/" + i;
                tasks.add(() -> vault.seal(PEM, Protection.defaultProtection(), context));
            }
            List<Future<SealedPrivateKey>> results = pool.invokeAll(tasks);
            PrivateKeyVault restarted = vault(props(dataDir, null, List.of()));
            for (int i = 0; i < results.size(); i++) {
                assertThat(restarted.unseal(results.get(i).get(), "p/" + i)).isEqualTo(PEM);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- kms errors

    @Test
    void kmsWithoutIdOrNameIsMissing() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        for (Protection protection : List.of(Protection.kms(null, null), Protection.kms("", "  "))) {
            assertThatThrownBy(() -> vault.resolve(protection))
                    .isInstanceOf(MissingKmsKeyException.class)
                    .isInstanceOf(InvalidKeyProtectionException.class)
                    .hasMessage("kms_key_id or kms_key_name is required when type is kms");
            assertThatThrownBy(() -> vault.seal(PEM, protection, CONTEXT)).isInstanceOf(MissingKmsKeyException.class);
        }
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void unknownKmsKeyId() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        assertThatThrownBy(() -> vault.seal(PEM, Protection.kms("nope", null), CONTEXT))
                .isInstanceOfSatisfying(UnknownKmsKeyException.class, e -> {
                    assertThat(e).hasMessage("kms_key_id 'nope' does not name a key of the key ring");
                    assertThat(e.kmsKeyId()).isEqualTo("nope");
                    assertThat(e.kmsKeyName()).isNull();
                });
        // an id is not a name, nor the other way round
        assertThatThrownBy(() -> vault.resolve(Protection.kms(KEY_A_NAME, null)))
                .isInstanceOf(UnknownKmsKeyException.class).hasMessageContaining("kms_key_id 'alpha'");
        // an unknown id is reported even when the name is fine
        assertThatThrownBy(() -> vault.resolve(Protection.kms("nope", KEY_A_NAME)))
                .isInstanceOf(UnknownKmsKeyException.class).hasMessageContaining("kms_key_id 'nope'");
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void unknownKmsKeyName() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        assertThatThrownBy(() -> vault.seal(PEM, Protection.kms(null, "foo"), CONTEXT))
                .isInstanceOf(UnknownKmsKeyException.class)
                .hasMessage("kms_key_name 'foo' does not name a key of the key ring");
        assertThatThrownBy(() -> vault.resolve(Protection.kms(KEY_A_ID, "foo")))
                .isInstanceOf(UnknownKmsKeyException.class)
                .hasMessage("kms_key_name 'foo' does not name a key of the key ring");
        assertThatThrownBy(() -> vault.resolve(Protection.kms(null, KEY_A_ID)))
                .isInstanceOf(UnknownKmsKeyException.class);
    }

    @Test
    void kmsIdAndNameNamingDifferentKeys() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        assertThatThrownBy(() -> vault.seal(PEM, Protection.kms(KEY_A_ID, KEY_B_NAME), CONTEXT))
                .isInstanceOf(UnknownKmsKeyException.class)
                .hasMessage("kms_key_id '" + KEY_A_ID + "' and kms_key_name 'beta' name different keys of the key ring");
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void kmsWithAnEmptyRing() {
        PrivateKeyVault vault = vault(new KpsProperties(dataDir, List.of(), null, null, 1048576));

        assertThatThrownBy(() -> vault.resolve(Protection.kms("k", null))).isInstanceOf(UnknownKmsKeyException.class);
        assertThat(vault.unseal(vault.seal(PEM, Protection.defaultProtection(), CONTEXT), CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void quotedValuesAreSanitized() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        assertThatThrownBy(() -> vault.resolve(Protection.kms(null, "a\nb" + "z".repeat(500))))
                .isInstanceOf(UnknownKmsKeyException.class)
                .hasMessageStartingWith("kms_key_name 'a?bzzz")
                .hasMessageContaining("...'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void resolveDefault() {
        PrivateKeyVault vault = vault(props(dataDir, null, ringAB()));

        assertThat(vault.resolve(Protection.defaultProtection()))
                .isEqualTo(new ResolvedProtection(ProtectionType.DEFAULT, null, null));
        assertThat(vault.resolve(Protection.kms(null, KEY_B_NAME)))
                .isEqualTo(new ResolvedProtection(ProtectionType.KMS, KEY_B_ID, KEY_B_NAME));
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    // ---------------------------------------------------------------- configuration errors

    @Test
    void invalidConfiguredMasterKeyFailsAtConstruction() {
        String shortKey = base64(new byte[16]);
        assertThatThrownBy(() -> vault(props(dataDir, shortKey, List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.vault.master-key must be base64 of 32 bytes")
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> vault(props(dataDir, "not base64!!", List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.vault.master-key")
                .hasMessageNotContaining("not base64!!");
        // blank counts as absent
        assertThatCode(() -> vault(props(dataDir, "  ", List.of()))).doesNotThrowAnyException();
    }

    @Test
    void brokenMasterKeyFileFailsAtConstruction() throws Exception {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(keys.resolve("master.key"), base64(new byte[31]));

        assertThatThrownBy(() -> vault(props(dataDir, null, List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master.key")
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("31 bytes");

        Files.writeString(keys.resolve("master.key"), "%%% garbage %%%");
        assertThatThrownBy(() -> vault(props(dataDir, null, List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining("garbage");
    }

    @Test
    void brokenKmsKeyFileFailsAtConstruction() throws Exception {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(keys.resolve("kms-" + KEY_A_ID + ".key"), base64(new byte[33]));

        assertThatThrownBy(() -> vault(props(dataDir, null, ringAB())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kms key '" + KEY_A_ID + "'")
                .hasMessageContaining("33 bytes");
    }

    @Test
    void invalidKeyRingFailsAtConstruction() {
        assertThatThrownBy(() -> vault(props(dataDir, null, List.of(new KpsProperties.KmsKey(null, "n", null)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("kps.kms.keys[0].id is required");
        assertThatThrownBy(() -> vault(props(dataDir, null, List.of(
                new KpsProperties.KmsKey("a", "n1", null), new KpsProperties.KmsKey(" ", "n2", null)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("kps.kms.keys[1].id is required");
        assertThatThrownBy(() -> vault(props(dataDir, null, List.of(
                new KpsProperties.KmsKey("a", "n1", null), new KpsProperties.KmsKey("a", "n2", null)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.kms.keys[1].id 'a'")
                .hasMessageContaining("kps.kms.keys[0]");
        assertThatThrownBy(() -> vault(props(dataDir, null, List.of(
                new KpsProperties.KmsKey("a", "n", null), new KpsProperties.KmsKey("b", "n", null)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.kms.keys[1].name 'n'");
        String badSecret = base64(new byte[8]);
        assertThatThrownBy(() -> vault(props(dataDir, null, List.of(new KpsProperties.KmsKey("a", "n", badSecret)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.kms.keys[0].secret must be base64 of 32 bytes")
                .hasMessageNotContaining(badSecret);
        assertThatThrownBy(() -> vault(props(dataDir, null, List.of(
                new KpsProperties.KmsKey("Key", null, null), new KpsProperties.KmsKey("key", null, null)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key file");
    }

    @Test
    void generatedKeysNeedADataDir() {
        assertThatThrownBy(() -> vault(new KpsProperties(null, List.of(), null, null, 1048576)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.data-dir");
        assertThatCode(() -> vault(new KpsProperties(null, List.of(), null, new KpsProperties.Vault(base64(randomKey())), 1048576)))
                .doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------- wire values

    @Test
    void protectionTypeWireValues() {
        assertThat(ProtectionType.DEFAULT.wireValue()).isEqualTo("default");
        assertThat(ProtectionType.KMS.wireValue()).isEqualTo("kms");
        assertThat(ProtectionType.fromWire("default")).isEqualTo(ProtectionType.DEFAULT);
        assertThat(ProtectionType.fromWire("kms")).isEqualTo(ProtectionType.KMS);
        assertThatThrownBy(() -> ProtectionType.fromWire("KMS2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Protection(null, null, null)).isInstanceOf(NullPointerException.class);
        assertThat(Protection.kms(" ", "")).isEqualTo(new Protection(ProtectionType.KMS, null, null));
    }

    // ---------------------------------------------------------------- helpers

    private static PrivateKeyVault vault(KpsProperties properties) {
        return new PrivateKeyVault(properties);
    }

    private static KpsProperties props(Path dataDir, String masterKey, List<KpsProperties.KmsKey> keys) {
        return new KpsProperties(dataDir, List.of(), new KpsProperties.Kms(keys), new KpsProperties.Vault(masterKey), 1048576);
    }

    private static List<KpsProperties.KmsKey> ringAB() {
        return List.of(
                new KpsProperties.KmsKey(KEY_A_ID, KEY_A_NAME, null),
                new KpsProperties.KmsKey(KEY_B_ID, KEY_B_NAME, null));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
