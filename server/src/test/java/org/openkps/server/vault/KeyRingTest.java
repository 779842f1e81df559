package org.openkps.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.openkps.server.vault.VaultFixtures.KEY_A;
import static org.openkps.server.vault.VaultFixtures.KEY_A_ID;
import static org.openkps.server.vault.VaultFixtures.KEY_A_NAME;
import static org.openkps.server.vault.VaultFixtures.KEY_B;
import static org.openkps.server.vault.VaultFixtures.KEY_B_ID;
import static org.openkps.server.vault.VaultFixtures.KEY_B_NAME;
import static org.openkps.server.vault.VaultFixtures.base64;
import static org.openkps.server.vault.VaultFixtures.defaultProtection;
import static org.openkps.server.vault.VaultFixtures.kms;
import static org.openkps.server.vault.VaultFixtures.randomKey;
import static org.openkps.server.vault.VaultFixtures.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openkps.server.KpsSettings.KmsKey;
import org.openkps.server.keypair.InvalidKeyProtectionException;
import org.openkps.server.keypair.Protection;
import org.openkps.server.keypair.ProtectionType;

class KeyRingTest {

    @TempDir
    Path dataDir;

    /** Master key and both ring keys generated under {@link #dataDir}: nothing exists until first use. */
    private KeyRing ring;
    private Path keys;

    @BeforeEach
    void setUp() {
        ring = keyRing(settings(dataDir).ring(KEY_A, KEY_B));
        keys = dataDir.resolve("keys");
    }

    // ---------------------------------------------------------------- key files shared by several servers

    @Test
    void serversCreatingTheSameKeyFileAtOnceAllEndUpWithTheOneOnDisk() throws Exception {
        for (int round = 0; round < 50; round++) {
            Path shared = dataDir.resolve("round-" + round);
            List<byte[]> used = org.openkps.server.support.Race.run(4, () ->
                    keyRing(settings(shared)).keyEncryptionKey(ProtectionType.DEFAULT, null).getEncoded());
            byte[] onDisk = Base64.getDecoder().decode(Files.readString(shared.resolve("keys/master.key")).strip());
            assertThat(used).as("round %d", round).allSatisfy(key -> assertThat(key).isEqualTo(onDisk));
        }
    }

    // ---------------------------------------------------------------- resolve

    @Test
    void defaultResolvesToNoKeyAndIgnoresKmsFields() {
        assertThat(ring.resolve(defaultProtection()))
                .isEqualTo(new ResolvedProtection(ProtectionType.DEFAULT, null, null));
        assertThat(ring.resolve(new Protection(ProtectionType.DEFAULT, "nope", "nope")))
                .isEqualTo(new ResolvedProtection(ProtectionType.DEFAULT, null, null));
        assertThat(keys).doesNotExist();
    }

    static Stream<Arguments> ringKeysByIdNameOrBoth() {
        return Stream.of(
                Arguments.of(kms(KEY_B_ID, null), KEY_B_ID, KEY_B_NAME),
                Arguments.of(kms(null, KEY_B_NAME), KEY_B_ID, KEY_B_NAME),
                Arguments.of(kms(null, KEY_A_NAME), KEY_A_ID, KEY_A_NAME),
                Arguments.of(kms(KEY_A_ID, KEY_A_NAME), KEY_A_ID, KEY_A_NAME));
    }

    @ParameterizedTest
    @MethodSource("ringKeysByIdNameOrBoth")
    void kmsResolvesToTheIdAndNameOfTheRingKey(Protection protection, String id, String name) {
        assertThat(ring.resolve(protection)).isEqualTo(new ResolvedProtection(ProtectionType.KMS, id, name));
        assertThat(keys).doesNotExist();
    }

    @Test
    void ringKeyWithoutANameResolvesById() {
        KeyRing unnamed = keyRing(settings(dataDir).ring(new KmsKey("only-id", null, null)));

        assertThat(unnamed.resolve(kms("only-id", " ")))
                .isEqualTo(new ResolvedProtection(ProtectionType.KMS, "only-id", null));
    }

    @Test
    void kmsWithoutIdOrNameIsMissing() {
        for (Protection protection : List.of(kms(null, null), kms("", "  "))) {
            assertThatThrownBy(() -> ring.resolve(protection))
                    .isInstanceOf(InvalidKeyProtectionException.class)
                    .hasMessage("kms_key_id or kms_key_name is required when type is kms");
        }
        assertThat(keys).doesNotExist();
    }

    @Test
    void unknownKmsKeyId() {
        assertThatThrownBy(() -> ring.resolve(kms("nope", null)))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_id 'nope' does not name a key of the key ring");
        // an id is not a name, nor the other way round
        assertThatThrownBy(() -> ring.resolve(kms(KEY_A_NAME, null)))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_id 'alpha' does not name a key of the key ring");
        // an unknown id is reported even when the name is fine
        assertThatThrownBy(() -> ring.resolve(kms("nope", KEY_A_NAME)))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_id 'nope' does not name a key of the key ring");
        assertThat(keys).doesNotExist();
    }

    @Test
    void unknownKmsKeyName() {
        assertThatThrownBy(() -> ring.resolve(kms(null, "foo")))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_name 'foo' does not name a key of the key ring");
        assertThatThrownBy(() -> ring.resolve(kms(KEY_A_ID, "foo")))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_name 'foo' does not name a key of the key ring");
        assertThatThrownBy(() -> ring.resolve(kms(null, KEY_A_ID)))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_name '" + KEY_A_ID + "' does not name a key of the key ring");
        assertThat(keys).doesNotExist();
    }

    @Test
    void kmsIdAndNameNamingDifferentKeys() {
        assertThatThrownBy(() -> ring.resolve(kms(KEY_A_ID, KEY_B_NAME)))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_id '" + KEY_A_ID + "' and kms_key_name 'beta' name different keys of the key ring");
        assertThat(keys).doesNotExist();
    }

    @Test
    void kmsWithoutAKmsSection() {
        KeyRing empty = keyRing(settings(dataDir).withoutSections());

        assertThatThrownBy(() -> empty.resolve(kms("k", null)))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_id 'k' does not name a key of the key ring");
        assertThat(empty.resolve(defaultProtection())).isEqualTo(ResolvedProtection.DEFAULT);
    }

    @Test
    void quotedValuesAreSanitized() {
        assertThatThrownBy(() -> ring.resolve(kms(null, "a\nb" + "z".repeat(500))))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessageStartingWith("kms_key_name 'a?bzzz")
                .hasMessageContaining("...'")
                .hasMessageNotContaining("\n");
        // nothing outside printable ASCII, so no direction overrides either
        assertThatThrownBy(() -> ring.resolve(kms("x\u202Ey\u0000", null)))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_id 'x?y?' does not name a key of the key ring");
    }

    // ---------------------------------------------------------------- key-encryption keys and their files

    @Test
    void masterKeyIsGeneratedOnFirstNeedPersistedAndReused() throws Exception {
        Path masterFile = keys.resolve("master.key");
        assertThat(masterFile).doesNotExist();

        byte[] master = masterKeyOf(ring);

        assertThat(masterFile).isRegularFile();
        String content = Files.readString(masterFile);
        assertThat(Base64.getDecoder().decode(content.trim())).hasSize(32).isEqualTo(master);
        assertThat(fileNames(keys)).containsExactly("master.key");
        assertThat(masterKeyOf(ring)).isEqualTo(master);

        KeyRing restarted = keyRing(settings(dataDir).ring(KEY_A, KEY_B));
        assertThat(masterKeyOf(restarted)).isEqualTo(master);
        assertThat(Files.readString(masterFile)).isEqualTo(content);
    }

    @Test
    void kmsKeyFilesArePersistedAndOnlyCreatedWhenUsed() {
        assertThat(ring.resolve(kms(KEY_A_ID, KEY_A_NAME)).kmsKeyId()).isEqualTo(KEY_A_ID);
        assertThat(keys).doesNotExist();

        byte[] keyA = ringKeyOf(ring, KEY_A_ID);

        assertThat(keys.resolve("kms-" + KEY_A_ID + ".key")).isRegularFile();
        assertThat(keys.resolve("kms-" + KEY_B_ID + ".key")).doesNotExist();
        assertThat(keys.resolve("master.key")).doesNotExist();
        assertThat(keyA).hasSize(32);
        assertThat(ringKeyOf(keyRing(settings(dataDir).ring(KEY_A, KEY_B)), KEY_A_ID)).isEqualTo(keyA);
        // a different data dir means different generated keys
        assertThat(ringKeyOf(keyRing(settings(dataDir.resolve("elsewhere")).ring(KEY_A, KEY_B)), KEY_A_ID))
                .isNotEqualTo(keyA);
        // and each ring key is a key of its own
        assertThat(ringKeyOf(ring, KEY_B_ID)).isNotEqualTo(keyA);
    }

    @Test
    void keyOfAKmsKeyNoLongerInTheRing() {
        assertThatThrownBy(() -> ring.keyEncryptionKey(ProtectionType.KMS, "gone"))
                .isInstanceOf(VaultException.class)
                .hasMessage("kms key 'gone' that protects this private key is not in the key ring (kps.kms.keys)");
        assertThat(keys).doesNotExist();
    }

    @Test
    void kmsKeyFileNamesAreSanitized() throws IOException {
        assertThat(KeyRing.kmsKeyFileName("abc-DEF_1.2")).isEqualTo("kms-abc-DEF_1.2.key");
        assertThat(KeyRing.kmsKeyFileName("../../etc/passwd"))
                .startsWith("kms-.._.._etc_passwd-").endsWith(".key").doesNotContain("/");
        assertThat(KeyRing.kmsKeyFileName("a/b")).isNotEqualTo(KeyRing.kmsKeyFileName("a_b"));
        assertThat(KeyRing.kmsKeyFileName("x".repeat(500)).length()).isLessThan(100);

        KeyRing evil = keyRing(settings(dataDir).ring(new KmsKey("../evil", null, null)));
        ringKeyOf(evil, "../evil");

        assertThat(fileNames(keys)).singleElement().asString()
                .startsWith("kms-.._evil-")
                .isEqualTo(KeyRing.kmsKeyFileName("../evil"));
        assertThat(dataDir.resolve("evil")).doesNotExist();
    }

    @Test
    void configuredMasterKeyIsUsedAndNoOtherIs() {
        byte[] master = randomKey();

        assertThat(masterKeyOf(keyRing(settings(dataDir).masterKey(base64(master))))).isEqualTo(master);
        assertThat(keys).doesNotExist();
        // the same configured key, whatever the data dir
        assertThat(masterKeyOf(keyRing(settings(dataDir.resolve("x")).masterKey(base64(master)))))
                .isEqualTo(master);
        // URL-safe base64 with surrounding blanks is accepted too
        String urlSafe = " " + Base64.getUrlEncoder().encodeToString(master) + "\n";
        assertThat(masterKeyOf(keyRing(settings(dataDir).masterKey(urlSafe)))).isEqualTo(master);
        // a different configured key is different
        assertThat(masterKeyOf(keyRing(settings(dataDir).masterKey(base64(randomKey()))))).isNotEqualTo(master);
        // and so is the generated one
        assertThat(masterKeyOf(keyRing(settings(dataDir)))).isNotEqualTo(master);
    }

    @Test
    void configuredKmsSecretIsUsedAndNoOtherIs() {
        byte[] secret = randomKey();

        KeyRing configured = keyRing(settings(dataDir).ring(new KmsKey(KEY_A_ID, KEY_A_NAME, base64(secret))));
        assertThat(ringKeyOf(configured, KEY_A_ID)).isEqualTo(secret);
        assertThat(keys).doesNotExist();
        // the key goes by id: renamed, and whatever the data dir, it is the same key
        assertThat(ringKeyOf(keyRing(settings(dataDir.resolve("y")).ring(new KmsKey(KEY_A_ID, "renamed",
                base64(secret)))), KEY_A_ID)).isEqualTo(secret);
        assertThat(ringKeyOf(keyRing(settings(dataDir).ring(new KmsKey(KEY_A_ID, KEY_A_NAME,
                base64(randomKey())))), KEY_A_ID)).isNotEqualTo(secret);
    }

    @Test
    void handWrittenKeyFileIsRead() throws Exception {
        byte[] master = randomKey();
        Files.createDirectories(keys);
        Files.writeString(keys.resolve("master.key"), "\n  " + base64(master) + "  \r\n");

        assertThat(masterKeyOf(keyRing(settings(dataDir)))).isEqualTo(master);
    }

    @Test
    void keyFilesAndTheirFolderAreOwnerOnly() throws Exception {
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");

        masterKeyOf(ring);
        ringKeyOf(ring, KEY_B_ID);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("master.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("kms-" + KEY_B_ID + ".key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
                .isEqualTo("rwx------");
    }

    // ---------------------------------------------------------------- configuration checks

    @Test
    void invalidConfiguredMasterKeyFailsAtConstruction() {
        String shortKey = base64(new byte[16]);
        assertThatThrownBy(() -> keyRing(settings(dataDir).masterKey(shortKey)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.vault.master-key must be base64 of 32 bytes")
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> keyRing(settings(dataDir).masterKey("not base64!!")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.vault.master-key")
                .hasMessageNotContaining("not base64!!");
        // blank counts as absent
        assertThatCode(() -> keyRing(settings(dataDir).masterKey("  "))).doesNotThrowAnyException();
    }

    @Test
    void brokenMasterKeyFileFailsAtConstruction() throws Exception {
        Files.createDirectories(keys);
        Files.writeString(keys.resolve("master.key"), base64(new byte[31]));

        assertThatThrownBy(() -> keyRing(settings(dataDir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master.key")
                .hasMessageContaining("32 bytes")
                .hasMessageContaining("31 bytes");

        Files.writeString(keys.resolve("master.key"), "%%% garbage %%%");
        assertThatThrownBy(() -> keyRing(settings(dataDir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining("garbage");
    }

    @Test
    void brokenKmsKeyFileFailsAtConstruction() throws Exception {
        Files.createDirectories(keys);
        Files.writeString(keys.resolve("kms-" + KEY_A_ID + ".key"), base64(new byte[33]));

        assertThatThrownBy(() -> keyRing(settings(dataDir).ring(KEY_A, KEY_B)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kms key '" + KEY_A_ID + "'")
                .hasMessageContaining("33 bytes");
    }

    @Test
    void invalidKeyRingFailsAtConstruction() {
        assertThatThrownBy(() -> keyRing(settings(dataDir).ring(new KmsKey(null, "n", null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("kps.kms.keys[0].id is required");
        assertThatThrownBy(() -> keyRing(settings(dataDir).ring(
                new KmsKey("a", "n1", null), new KmsKey(" ", "n2", null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("kps.kms.keys[1].id is required");
        assertThatThrownBy(() -> keyRing(settings(dataDir).ring(
                new KmsKey("a", "n1", null), new KmsKey("a", "n2", null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.kms.keys[1].id 'a'")
                .hasMessageContaining("kps.kms.keys[0]");
        assertThatThrownBy(() -> keyRing(settings(dataDir).ring(
                new KmsKey("a", "n", null), new KmsKey("b", "n", null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.kms.keys[1].name 'n'");
        String badSecret = base64(new byte[8]);
        assertThatThrownBy(() -> keyRing(settings(dataDir).ring(new KmsKey("a", "n", badSecret))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.kms.keys[0].secret must be base64 of 32 bytes")
                .hasMessageNotContaining(badSecret);
        assertThatThrownBy(() -> keyRing(settings(dataDir).ring(
                new KmsKey("Key", null, null), new KmsKey("key", null, null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key file");
    }

    @Test
    void generatedKeysNeedADataDir() {
        assertThatThrownBy(() -> keyRing(settings(null).withoutSections()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.data-dir")
                .hasMessageContaining("kps.vault.master-key");
        assertThatThrownBy(() -> keyRing(settings(null).masterKey(base64(randomKey())).ring(KEY_A)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.data-dir")
                .hasMessageContaining("kps.kms.keys[0].secret");
        assertThatCode(() -> keyRing(settings(null).withoutSections().masterKey(base64(randomKey()))))
                .doesNotThrowAnyException();
    }

    // ---------------------------------------------------------------- helpers

    private static KeyRing keyRing(VaultFixtures.Settings settings) {
        return new KeyRing(settings.kps(), new SecureRandom());
    }

    private static byte[] masterKeyOf(KeyRing ring) {
        return ring.keyEncryptionKey(ProtectionType.DEFAULT, null).getEncoded();
    }

    private static byte[] ringKeyOf(KeyRing ring, String kmsKeyId) {
        return ring.keyEncryptionKey(ProtectionType.KMS, kmsKeyId).getEncoded();
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
