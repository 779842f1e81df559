package org.openkps.server.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
    public SealedPrivateKey seal(String privateKeyPem, Protection protection, String context) {
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(context, "context");
        if (privateKeyPem.isEmpty()) {
            throw new IllegalArgumentException("the private key to seal is empty");
        }
        ResolvedProtection resolved = keyRing.resolve(protection);
        SecretKey kek = keyRing.keyEncryptionKey(resolved.type(), resolved.kmsKeyId());
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
        SecretKey kek = keyRing.keyEncryptionKey(sealed.type(), kmsKeyId);
        byte[] dataKey = Envelope.open(kek, sealed.wrappedDataKey(),
                Envelope.associatedData(Envelope.Purpose.DATA_KEY, sealed.type(), kmsKeyId, context),
                Envelope.Purpose.DATA_KEY);
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
