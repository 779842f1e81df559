package org.openkps.server.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.openkps.server.KpsSettings;
import org.openkps.server.keypair.Protection;
import org.openkps.server.keypair.ProtectionType;
import org.openkps.server.keypair.PrivateKeyVault;
import org.openkps.server.keypair.SealedPrivateKey;
import org.springframework.stereotype.Component;

/**
 * The key-pair core's {@link PrivateKeyVault}: envelope encryption. Each private key is sealed with
 * AES-256-GCM under a fresh random 256-bit data key, and the data key is sealed under a key-encryption
 * key of the {@link KeyRing}. The caller's context (e.g. {@code projectId/keypairId}), the protection
 * type and the key-ring key id are bound into both as associated data, so a sealed key copied onto
 * another row, or relabelled, does not open.
 *
 * <p>Rotation: {@code default} protection opens under the current master key or a previous one
 * ({@code kps.vault.previous-master-keys}); it seals under the master key the store names (the previous one
 * until a re-seal records the current one, so that servers not yet restarted still open what is sealed), and
 * {@link #resealUnderCurrentMasterKey} re-wraps a data key under the current one.
 */
@Component
public class HostedKeyVault implements PrivateKeyVault {

    private static final byte[] KEY_CHECK_LABEL = "openkps-vault key check v1".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final KeyRing keyRing;

    public HostedKeyVault(KpsSettings settings) {
        this.keyRing = new KeyRing(Objects.requireNonNull(settings, "settings"), random);
    }

    @Override
    public void check(Protection protection) {
        keyRing.resolve(protection);
    }

    @Override
    public SealedPrivateKey seal(String privateKeyPem, Protection protection, String context, String masterKeyCheck) {
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(context, "context");
        if (privateKeyPem.isEmpty()) {
            throw new IllegalArgumentException("the private key to seal is empty");
        }
        ResolvedProtection resolved = keyRing.resolve(protection);
        SecretKey kek = resolved.type() == ProtectionType.DEFAULT
                ? masterKeyOf(masterKeyCheck)
                : keyRing.keyEncryptionKey(resolved.type(), resolved.kmsKeyId());
        byte[] dataKey = new byte[KeyFiles.KEY_LENGTH];
        random.nextBytes(dataKey);
        byte[] plaintext = privateKeyPem.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] ciphertext = Envelope.seal(new SecretKeySpec(dataKey, "AES"), plaintext,
                    Envelope.associatedData(Envelope.Purpose.PRIVATE_KEY, resolved.type(), resolved.kmsKeyId(), context),
                    random);
            byte[] wrappedDataKey = Envelope.seal(kek, dataKey,
                    Envelope.associatedData(Envelope.Purpose.DATA_KEY, resolved.type(), resolved.kmsKeyId(), context),
                    random);
            return new SealedPrivateKey(resolved.type(), resolved.kmsKeyId(), resolved.kmsKeyName(),
                    wrappedDataKey, ciphertext);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** HMAC-SHA256 of a fixed label under each key-encryption key, in base64: it tells keys apart, not what they are. */
    @Override
    public Map<String, String> keyCheckValues() {
        Map<String, String> values = new LinkedHashMap<>();
        keyRing.keysByName().forEach((name, key) -> values.put(name, checkValue(key)));
        return values;
    }

    @Override
    public Set<String> previousMasterKeyCheckValues() {
        Set<String> values = new LinkedHashSet<>();
        keyRing.previousMasterKeys().forEach(key -> values.add(checkValue(key)));
        return values;
    }

    /** The master key the store says to seal with: the current one, or (while a rotation begins) a previous one. */
    private SecretKey masterKeyOf(String checkValue) {
        if (checkValue == null) {
            return keyRing.keyEncryptionKey(ProtectionType.DEFAULT, null);
        }
        for (SecretKey key : keyRing.masterKeys()) {
            if (checkValue.equals(checkValue(key))) {
                return key;
            }
        }
        throw new VaultException("the store seals with a master key this server does not have (a re-seal made "
                + "another server's master key the store's): restart this server with that kps.vault.master-key");
    }

    @Override
    public Optional<SealedPrivateKey> resealUnderCurrentMasterKey(SealedPrivateKey sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(context, "context");
        if (sealed.type() != ProtectionType.DEFAULT) {
            return Optional.empty();
        }
        byte[] associatedData = Envelope.associatedData(Envelope.Purpose.DATA_KEY, ProtectionType.DEFAULT, null, context);
        List<SecretKey> masterKeys = keyRing.masterKeys();
        SecretKey current = masterKeys.get(0);
        if (opens(current, sealed.wrappedDataKey(), associatedData)) {
            return Optional.empty();
        }
        byte[] dataKey = openDataKey(masterKeys.subList(1, masterKeys.size()), sealed, associatedData);
        try {
            byte[] rewrapped = Envelope.seal(current, dataKey, associatedData, random);
            return Optional.of(new SealedPrivateKey(sealed.type(), sealed.kmsKeyId(), sealed.kmsKeyName(), rewrapped,
                    sealed.ciphertext()));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static boolean opens(SecretKey key, byte[] wrapped, byte[] associatedData) {
        try {
            Arrays.fill(Envelope.open(key, wrapped, associatedData, Envelope.Purpose.DATA_KEY), (byte) 0);
            return true;
        } catch (VaultException e) {
            return false;
        }
    }

    /** The data key, opened by the first of {@code keys} that opens it (GCM's tag tells a wrong key apart). */
    private static byte[] openDataKey(List<SecretKey> keys, SealedPrivateKey sealed, byte[] associatedData) {
        VaultException first = null;
        for (SecretKey key : keys) {
            try {
                return Envelope.open(key, sealed.wrappedDataKey(), associatedData, Envelope.Purpose.DATA_KEY);
            } catch (VaultException e) {
                first = first == null ? e : first;
            }
        }
        throw first != null ? first : new VaultException("the sealed data key does not open: no master key");
    }

    private static String checkValue(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(KEY_CHECK_LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e); // mandatory in every JDK
        }
    }

    /**
     * @throws VaultException when it does not open: wrong context, wrong or missing key-encryption key,
     *                        tampered or corrupted data
     */
    @Override
    public String unseal(SealedPrivateKey sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(context, "context");
        String kmsKeyId = sealed.type() == ProtectionType.KMS ? sealed.kmsKeyId() : null;
        if (sealed.type() == ProtectionType.KMS && kmsKeyId == null) {
            throw new VaultException("the sealed private key is protected by kms but names no kms key");
        }
        byte[] dataKeyAssociatedData =
                Envelope.associatedData(Envelope.Purpose.DATA_KEY, sealed.type(), kmsKeyId, context);
        byte[] dataKey = sealed.type() == ProtectionType.DEFAULT
                ? openDataKey(keyRing.masterKeys(), sealed, dataKeyAssociatedData)
                : Envelope.open(keyRing.keyEncryptionKey(sealed.type(), kmsKeyId), sealed.wrappedDataKey(),
                        dataKeyAssociatedData, Envelope.Purpose.DATA_KEY);
        byte[] plaintext = null;
        try {
            if (dataKey.length != KeyFiles.KEY_LENGTH) {
                throw new VaultException("the data key of the sealed private key has a wrong length");
            }
            plaintext = Envelope.open(new SecretKeySpec(dataKey, "AES"), sealed.ciphertext(),
                    Envelope.associatedData(Envelope.Purpose.PRIVATE_KEY, sealed.type(), kmsKeyId, context),
                    Envelope.Purpose.PRIVATE_KEY);
            return new String(plaintext, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }
}
