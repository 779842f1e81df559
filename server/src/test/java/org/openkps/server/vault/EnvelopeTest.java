package org.openkps.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openkps.server.vault.VaultFixtures.randomKey;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.keypair.ProtectionType;
import org.openkps.server.vault.Envelope.Purpose;

class EnvelopeTest {

    private static final byte[] PLAINTEXT = "the private key, or a data key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AD = Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.KMS, "k1", "p/k");
    private static final String DOES_NOT_OPEN =
            "does not open: wrong key-encryption key, wrong context, or corrupted data";

    private final SecretKey key = new SecretKeySpec(randomKey(), "AES");
    private final SecureRandom random = new SecureRandom();

    // ---------------------------------------------------------------- format

    @Test
    void formatIsVersionNonceCiphertextAndTag() throws Exception {
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, (byte) 0x5a);

        byte[] sealed = Envelope.seal(key, PLAINTEXT, AD, fixedRandom(nonce));

        assertThat(sealed).hasSize(1 + 12 + PLAINTEXT.length + 16);
        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(sealed, 1, 13)).isEqualTo(nonce);
        // the rest is plain AES-256-GCM (128-bit tag) of the plaintext, with that nonce and associated data
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        gcm.updateAAD(AD);
        assertThat(Arrays.copyOfRange(sealed, 13, sealed.length)).isEqualTo(gcm.doFinal(PLAINTEXT));
    }

    @Test
    void associatedDataIsLengthPrefixedFields() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (String field : List.of("openkps-vault", "v1", "data-key", "kms", "key-1", "project/keypair")) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            expected.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            expected.writeBytes(bytes);
        }

        assertThat(Envelope.associatedData(Purpose.DATA_KEY, ProtectionType.KMS, "key-1", "project/keypair"))
                .isEqualTo(expected.toByteArray());
        // no kms key is an empty field
        assertThat(Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.DEFAULT, null, "c"))
                .isEqualTo(Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.DEFAULT, "", "c"));
    }

    @Test
    void associatedDataTellsEveryFieldApart() {
        List<byte[]> all = List.of(
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.KMS, "ab", "c"),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.KMS, "a", "bc"),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.KMS, "abc", ""),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.KMS, "", "abc"),
                Envelope.associatedData(Purpose.DATA_KEY, ProtectionType.KMS, "ab", "c"),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.DEFAULT, "ab", "c"),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.DEFAULT, null, "c"),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.DEFAULT, null, "c/ü"));
        Set<String> distinct = new HashSet<>();
        for (byte[] ad : all) {
            distinct.add(Arrays.toString(ad));
        }
        assertThat(distinct).hasSameSizeAs(all);
    }

    // ---------------------------------------------------------------- round trip

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32, 1000, 70_000})
    void roundTrip(int length) {
        byte[] plaintext = new byte[length];
        random.nextBytes(plaintext);

        byte[] sealed = Envelope.seal(key, plaintext, AD, random);

        assertThat(sealed).hasSize(1 + 12 + length + 16);
        assertThat(Envelope.open(key, sealed, AD, Purpose.PRIVATE_KEY)).isEqualTo(plaintext);
    }

    @Test
    void twoSealsOfTheSamePlaintextDiffer() {
        byte[] one = Envelope.seal(key, PLAINTEXT, AD, random);
        byte[] two = Envelope.seal(key, PLAINTEXT, AD, random);

        assertThat(Arrays.copyOfRange(one, 1, 13)).isNotEqualTo(Arrays.copyOfRange(two, 1, 13));
        assertThat(one).isNotEqualTo(two);
        assertThat(Envelope.open(key, one, AD, Purpose.PRIVATE_KEY))
                .isEqualTo(Envelope.open(key, two, AD, Purpose.PRIVATE_KEY))
                .isEqualTo(PLAINTEXT);
    }

    // ---------------------------------------------------------------- what does not open

    @Test
    void wrongKeyDoesNotOpen() {
        byte[] sealed = Envelope.seal(key, PLAINTEXT, AD, random);

        assertThatThrownBy(() -> Envelope.open(new SecretKeySpec(randomKey(), "AES"), sealed, AD, Purpose.DATA_KEY))
                .isInstanceOf(VaultException.class)
                .hasMessage("the sealed data key " + DOES_NOT_OPEN);
    }

    @Test
    void otherAssociatedDataDoesNotOpen() {
        byte[] sealed = Envelope.seal(key, PLAINTEXT, AD, random);

        for (byte[] other : List.of(
                Envelope.associatedData(Purpose.DATA_KEY, ProtectionType.KMS, "k1", "p/k"),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.DEFAULT, "k1", "p/k"),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.KMS, "k2", "p/k"),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.KMS, "k1", "p/k2"),
                Envelope.associatedData(Purpose.PRIVATE_KEY, ProtectionType.KMS, "k1", ""),
                new byte[0])) {
            assertThatThrownBy(() -> Envelope.open(key, sealed, other, Purpose.PRIVATE_KEY))
                    .isInstanceOf(VaultException.class)
                    .hasMessage("the sealed private key " + DOES_NOT_OPEN);
        }
    }

    @Test
    void everyFlippedBitIsNoticed() {
        byte[] sealed = Envelope.seal(key, PLAINTEXT, AD, random);

        for (int position = 0; position < sealed.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = sealed.clone();
                tampered[position] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> Envelope.open(key, tampered, AD, Purpose.PRIVATE_KEY))
                        .as("bit %d of byte %d", bit, position)
                        .isInstanceOf(VaultException.class)
                        .hasMessageContaining(position == 0 ? "unsupported format version" : DOES_NOT_OPEN);
            }
        }
    }

    @Test
    void truncatedDoesNotOpen() {
        byte[] sealed = Envelope.seal(key, PLAINTEXT, AD, random);

        // shorter than version, nonce and tag
        for (int length = 0; length < 1 + 12 + 16; length++) {
            byte[] truncated = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> Envelope.open(key, truncated, AD, Purpose.PRIVATE_KEY))
                    .as("%d bytes", length)
                    .isInstanceOf(VaultException.class)
                    .hasMessage("the sealed private key is truncated");
        }
        // long enough, but cut
        for (int length : new int[] {1 + 12 + 16, sealed.length - 1}) {
            byte[] truncated = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> Envelope.open(key, truncated, AD, Purpose.PRIVATE_KEY))
                    .as("%d bytes", length)
                    .isInstanceOf(VaultException.class)
                    .hasMessage("the sealed private key " + DOES_NOT_OPEN);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 255})
    void unknownVersionDoesNotOpen(int version) {
        byte[] sealed = Envelope.seal(key, PLAINTEXT, AD, random);
        sealed[0] = (byte) version;

        assertThatThrownBy(() -> Envelope.open(key, sealed, AD, Purpose.DATA_KEY))
                .isInstanceOf(VaultException.class)
                .hasMessage("the sealed data key has an unsupported format version " + version);
    }

    /** Hands out {@code bytes} (a nonce) for every request, so that a seal is reproducible. */
    private static SecureRandom fixedRandom(byte[] bytes) {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] out) {
                assertThat(out).hasSameSizeAs(bytes);
                System.arraycopy(bytes, 0, out, 0, out.length);
            }
        };
    }
}
