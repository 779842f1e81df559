package org.openkps.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkps.server.vault.VaultFixtures.CONTEXT;
import static org.openkps.server.vault.VaultFixtures.KEY_A;
import static org.openkps.server.vault.VaultFixtures.KEY_A_ID;
import static org.openkps.server.vault.VaultFixtures.KEY_A_NAME;
import static org.openkps.server.vault.VaultFixtures.KEY_B;
import static org.openkps.server.vault.VaultFixtures.KEY_B_ID;
import static org.openkps.server.vault.VaultFixtures.KEY_B_NAME;
import static org.openkps.server.vault.VaultFixtures.PEM;
import static org.openkps.server.vault.VaultFixtures.PEM_BODY;
import static org.openkps.server.vault.VaultFixtures.base64;
import static org.openkps.server.vault.VaultFixtures.defaultProtection;
import static org.openkps.server.vault.VaultFixtures.kms;
import static org.openkps.server.vault.VaultFixtures.randomKey;
import static org.openkps.server.vault.VaultFixtures.settings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

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
import org.openkps.server.keypair.SealedPrivateKey;
import org.openkps.server.support.Race;
import org.openkps.server.vault.Envelope.Purpose;

class HostedKeyVaultTest {

    @TempDir
    Path dataDir;

    /** Master key and ring keys A and B, all generated under {@link #dataDir} on first use. */
    private HostedKeyVault vault;

    @BeforeEach
    void setUp() {
        vault = vault(settings(dataDir).ring(KEY_A, KEY_B));
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void roundTripDefault() {
        SealedPrivateKey sealed = vault.seal(PEM, defaultProtection(), CONTEXT);

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
        SealedPrivateKey sealed = vault.seal(PEM, new Protection(ProtectionType.DEFAULT, "nope", "nope"), CONTEXT);

        assertThat(sealed.kmsKeyId()).isNull();
        assertThat(sealed.kmsKeyName()).isNull();
        assertThat(vault.unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    static Stream<Arguments> ringKeysByIdNameOrBoth() {
        return Stream.of(
                Arguments.of(kms(KEY_B_ID, null), KEY_B_ID, KEY_B_NAME),
                Arguments.of(kms(null, KEY_A_NAME), KEY_A_ID, KEY_A_NAME),
                Arguments.of(kms(KEY_A_ID, KEY_A_NAME), KEY_A_ID, KEY_A_NAME));
    }

    @ParameterizedTest
    @MethodSource("ringKeysByIdNameOrBoth")
    void roundTripKms(Protection protection, String id, String name) {
        SealedPrivateKey sealed = vault.seal(PEM, protection, CONTEXT);

        assertThat(sealed.type()).isEqualTo(ProtectionType.KMS);
        assertThat(sealed.kmsKeyId()).isEqualTo(id);
        assertThat(sealed.kmsKeyName()).isEqualTo(name);
        assertThat(vault.unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void roundTripKmsKeyWithoutName() {
        HostedKeyVault unnamed = vault(settings(dataDir).ring(new KmsKey("only-id", null, null)));

        SealedPrivateKey sealed = unnamed.seal(PEM, kms("only-id", " "), CONTEXT);

        assertThat(sealed.kmsKeyId()).isEqualTo("only-id");
        assertThat(sealed.kmsKeyName()).isNull();
        assertThat(unnamed.unseal(sealed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void roundTripNonAsciiAndLongText() {
        String text = "ключ 🔑 ".repeat(2000);

        assertThat(vault.unseal(vault.seal(text, defaultProtection(), "ctx/ü"), "ctx/ü")).isEqualTo(text);
    }

    @Test
    void roundTripWithoutKmsOrVaultSections() {
        HostedKeyVault bare = vault(settings(dataDir).withoutSections());

        assertThatThrownBy(() -> bare.check(kms("k", null)))
                .isInstanceOf(InvalidKeyProtectionException.class)
                .hasMessage("kms_key_id 'k' does not name a key of the key ring");
        assertThat(bare.unseal(bare.seal(PEM, defaultProtection(), CONTEXT), CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void emptyPrivateKeyIsRejected() {
        assertThatThrownBy(() -> vault.seal("", defaultProtection(), CONTEXT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- protection the ring cannot honour

    static Stream<Arguments> protectionsTheRingCannotResolve() {
        return Stream.of(
                Arguments.of(kms(null, null), "kms_key_id or kms_key_name is required when type is kms"),
                Arguments.of(kms("", "  "), "kms_key_id or kms_key_name is required when type is kms"),
                Arguments.of(kms("nope", null), "kms_key_id 'nope' does not name a key of the key ring"),
                Arguments.of(kms(null, "foo"), "kms_key_name 'foo' does not name a key of the key ring"),
                Arguments.of(kms(KEY_A_ID, KEY_B_NAME),
                        "kms_key_id '" + KEY_A_ID + "' and kms_key_name 'beta' name different keys of the key ring"));
    }

    @ParameterizedTest
    @MethodSource("protectionsTheRingCannotResolve")
    void checkAndSealRejectWhatTheRingCannotResolve(Protection protection, String message) {
        assertThatThrownBy(() -> vault.check(protection))
                .isInstanceOf(InvalidKeyProtectionException.class).hasMessage(message);
        assertThatThrownBy(() -> vault.seal(PEM, protection, CONTEXT))
                .isInstanceOf(InvalidKeyProtectionException.class).hasMessage(message);
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void checkAcceptsWhatTheRingResolves() {
        vault.check(defaultProtection());
        vault.check(kms(null, KEY_B_NAME));

        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void brokenSettingsFailAtConstruction() {
        assertThatThrownBy(() -> vault(settings(dataDir).masterKey(base64(new byte[16]))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kps.vault.master-key must be base64 of 32 bytes");
    }

    // ---------------------------------------------------------------- binding and tampering

    @Test
    void wrongContextFails() {
        SealedPrivateKey byDefault = vault.seal(PEM, defaultProtection(), CONTEXT);
        SealedPrivateKey byKms = vault.seal(PEM, kms(KEY_A_ID, null), CONTEXT);

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
    void bothLayersAreBoundToTheContextTheTypeAndTheRingKey() {
        // one known secret as the master key and as ring key A, so the stored layers can be opened by hand
        byte[] secret = randomKey();
        HostedKeyVault known = vault(settings(dataDir).masterKey(base64(secret))
                .ring(new KmsKey(KEY_A_ID, KEY_A_NAME, base64(secret))));
        SecretKey kek = new SecretKeySpec(secret, "AES");

        for (Protection protection : List.of(defaultProtection(), kms(KEY_A_ID, null))) {
            SealedPrivateKey sealed = known.seal(PEM, protection, CONTEXT);
            ProtectionType type = sealed.type();
            String id = sealed.kmsKeyId();
            ProtectionType otherType = type == ProtectionType.KMS ? ProtectionType.DEFAULT : ProtectionType.KMS;

            byte[] dataKey = Envelope.open(kek, sealed.wrappedDataKey(),
                    Envelope.associatedData(Purpose.DATA_KEY, type, id, CONTEXT), Purpose.DATA_KEY);
            SecretKey dataKeySpec = new SecretKeySpec(dataKey, "AES");
            assertThat(dataKey).hasSize(32);
            assertThat(Envelope.open(dataKeySpec, sealed.ciphertext(),
                    Envelope.associatedData(Purpose.PRIVATE_KEY, type, id, CONTEXT), Purpose.PRIVATE_KEY))
                    .isEqualTo(PEM.getBytes(StandardCharsets.UTF_8));

            for (Purpose purpose : Purpose.values()) {
                SecretKey layerKey = purpose == Purpose.DATA_KEY ? kek : dataKeySpec;
                byte[] layer = purpose == Purpose.DATA_KEY ? sealed.wrappedDataKey() : sealed.ciphertext();
                Purpose otherPurpose = purpose == Purpose.DATA_KEY ? Purpose.PRIVATE_KEY : Purpose.DATA_KEY;
                for (byte[] otherAd : List.of(
                        Envelope.associatedData(otherPurpose, type, id, CONTEXT),
                        Envelope.associatedData(purpose, otherType, id, CONTEXT),
                        Envelope.associatedData(purpose, type, KEY_B_ID, CONTEXT),
                        Envelope.associatedData(purpose, type, id, "project-1/keypair-2"))) {
                    assertThatThrownBy(() -> Envelope.open(layerKey, layer, otherAd, purpose))
                            .as("%s, %s", protection, purpose)
                            .isInstanceOf(VaultException.class);
                }
            }
        }
    }

    @Test
    void ciphertextSwappedBetweenRowsFails() {
        SealedPrivateKey one = vault.seal(PEM, defaultProtection(), "p/k1");
        SealedPrivateKey two = vault.seal(PEM, defaultProtection(), "p/k2");

        SealedPrivateKey mixed = new SealedPrivateKey(ProtectionType.DEFAULT, null, null,
                one.wrappedDataKey(), two.ciphertext());

        assertThatThrownBy(() -> vault.unseal(mixed, "p/k1")).isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.unseal(mixed, "p/k2")).isInstanceOf(VaultException.class);
    }

    @Test
    void tamperedCiphertextFails() {
        SealedPrivateKey sealed = vault.seal(PEM, defaultProtection(), CONTEXT);
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
        for (Protection protection : List.of(defaultProtection(), kms(KEY_B_ID, null))) {
            SealedPrivateKey sealed = vault.seal(PEM, protection, CONTEXT);
            byte[] wrapped = sealed.wrappedDataKey();
            for (int position : new int[] {1, 12, 20, wrapped.length - 1}) {
                byte[] tampered = wrapped.clone();
                tampered[position] ^= (byte) 0x80;
                SealedPrivateKey bad = new SealedPrivateKey(sealed.type(), sealed.kmsKeyId(), sealed.kmsKeyName(),
                        tampered, sealed.ciphertext());
                assertThatThrownBy(() -> vault.unseal(bad, CONTEXT))
                        .as("%s: flipped bit at %d", protection, position)
                        .isInstanceOf(VaultException.class);
            }
        }
    }

    @Test
    void truncatedOrUnknownVersionFails() {
        SealedPrivateKey sealed = vault.seal(PEM, defaultProtection(), CONTEXT);

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
        HostedKeyVault twins = vault(settings(dataDir).ring(
                new KmsKey(KEY_A_ID, KEY_A_NAME, secret), new KmsKey(KEY_B_ID, KEY_B_NAME, secret)));
        SealedPrivateKey sealed = twins.seal(PEM, kms(KEY_A_ID, null), CONTEXT);

        SealedPrivateKey asB = new SealedPrivateKey(ProtectionType.KMS, KEY_B_ID, KEY_B_NAME,
                sealed.wrappedDataKey(), sealed.ciphertext());
        assertThatThrownBy(() -> twins.unseal(asB, CONTEXT)).isInstanceOf(VaultException.class);

        SealedPrivateKey asDefault = new SealedPrivateKey(ProtectionType.DEFAULT, null, null,
                sealed.wrappedDataKey(), sealed.ciphertext());
        assertThatThrownBy(() -> twins.unseal(asDefault, CONTEXT)).isInstanceOf(VaultException.class);

        SealedPrivateKey noId = new SealedPrivateKey(ProtectionType.KMS, null, KEY_A_NAME,
                sealed.wrappedDataKey(), sealed.ciphertext());
        assertThatThrownBy(() -> twins.unseal(noId, CONTEXT))
                .isInstanceOf(VaultException.class)
                .hasMessage("the sealed private key is protected by kms but names no kms key");

        // the stored name is informational: a renamed ring key still opens by id
        SealedPrivateKey renamed = new SealedPrivateKey(ProtectionType.KMS, KEY_A_ID, "old-name",
                sealed.wrappedDataKey(), sealed.ciphertext());
        assertThat(twins.unseal(renamed, CONTEXT)).isEqualTo(PEM);
    }

    @Test
    void kmsKeyRemovedFromRingCannotOpen() {
        SealedPrivateKey sealed = vault.seal(PEM, kms(KEY_B_ID, null), CONTEXT);

        HostedKeyVault restarted = vault(settings(dataDir).ring(KEY_A));

        assertThatThrownBy(() -> restarted.unseal(sealed, CONTEXT))
                .isInstanceOf(VaultException.class)
                .hasMessage("kms key '" + KEY_B_ID + "' that protects this private key is not in the key ring "
                        + "(kps.kms.keys)");
    }

    @Test
    void masterKeyIsGeneratedOnFirstUnsealToo() {
        SealedPrivateKey foreign = vault(settings(dataDir.resolve("other"))).seal(PEM, defaultProtection(), CONTEXT);
        HostedKeyVault fresh = vault(settings(dataDir));

        assertThatThrownBy(() -> fresh.unseal(foreign, CONTEXT)).isInstanceOf(VaultException.class);
        assertThat(dataDir.resolve("keys").resolve("master.key")).isRegularFile();
    }

    @Test
    void twoSealsOfTheSamePlaintextDiffer() {
        for (Protection protection : List.of(defaultProtection(), kms(KEY_A_ID, null))) {
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
        byte[] pem = PEM.getBytes(StandardCharsets.UTF_8);
        byte[] body = PEM_BODY.substring(0, 16).getBytes(StandardCharsets.US_ASCII);
        byte[] der = Base64.getDecoder().decode(PEM_BODY.substring(0, 64));

        for (Protection protection : List.of(defaultProtection(), kms(null, KEY_B_NAME))) {
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

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentFirstUseCreatesOneMasterKey() throws Exception {
        HostedKeyVault fresh = vault(settings(dataDir));
        AtomicInteger next = new AtomicInteger();

        List<Map.Entry<String, SealedPrivateKey>> sealed = Race.run(32, () -> {
            String context = "p/" + next.getAndIncrement();
            return Map.entry(context, fresh.seal(PEM, defaultProtection(), context));
        });

        HostedKeyVault restarted = vault(settings(dataDir));
        for (Map.Entry<String, SealedPrivateKey> each : sealed) {
            assertThat(restarted.unseal(each.getValue(), each.getKey())).as(each.getKey()).isEqualTo(PEM);
        }
        try (Stream<Path> files = Files.list(dataDir.resolve("keys"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("master.key");
        }
    }

    // ---------------------------------------------------------------- the port's value types

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

    @Test
    void protectionTypeValues() {
        assertThat(ProtectionType.DEFAULT.value()).isEqualTo("default");
        assertThat(ProtectionType.KMS.value()).isEqualTo("kms");
        assertThat(ProtectionType.fromValue("default")).isEqualTo(ProtectionType.DEFAULT);
        assertThat(ProtectionType.fromValue("kms")).isEqualTo(ProtectionType.KMS);
        assertThatThrownBy(() -> ProtectionType.fromValue("KMS2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Protection(null, null, null)).isInstanceOf(NullPointerException.class);
        assertThat(kms(" ", "")).isEqualTo(new Protection(ProtectionType.KMS, null, null));
    }

    // ---------------------------------------------------------------- helpers

    private static HostedKeyVault vault(VaultFixtures.Settings settings) {
        return new HostedKeyVault(settings.kps());
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
