package org.openkps.server.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

import org.openkps.server.KpsSettings;
import org.openkps.server.keypair.KeyMaterial;
import org.openkps.server.keypair.KeyMaterials;
import org.openkps.server.keypair.KeypairType;
import org.openkps.server.keypair.KpsException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The key-pair core's {@link KeyMaterials}, on the JDK and BouncyCastle. Created key pairs take their
 * RSA keys from a pool filled in the background ({@code kps.keygen.pool-size}), from a second after the
 * server is ready.
 */
@Component
public class CryptoKeyMaterials implements KeyMaterials, AutoCloseable {

    // X.500 caps a common name at 64 characters (RFC 5280); names may have 255.
    private static final int MAX_COMMON_NAME = 64;
    // A suite's first requests follow the answer to its readiness check; on two cores, generating keys
    // then slowed that answer (api/DECISIONS.md, decision 139).
    private static final Duration FIRST_FILL_DELAY = Duration.ofSeconds(1);

    private final KeyPool<GeneratedKeyPair> rsaKeys;
    private final ParsedKeys parsedKeys = new ParsedKeys();

    public CryptoKeyMaterials(KpsSettings settings) {
        SshKeyGenerator generator = new SshKeyGenerator();
        this.rsaKeys = new KeyPool<>(generator::generateRsa2048, settings.keygen().poolSize());
    }

    /** Filled once the server has answered for a moment, so that the pool does not slow its start. */
    @EventListener(ApplicationReadyEvent.class)
    public void fillKeyPool() {
        rsaKeys.start(FIRST_FILL_DELAY);
    }

    @Override
    public void close() {
        rsaKeys.close();
    }

    @Override
    public KeyMaterial generate(KeypairType type, String keypairName) {
        GeneratedKeyPair generated = rsaKeys.take();
        if (type == KeypairType.X509) {
            String commonName = keypairName.length() <= MAX_COMMON_NAME
                    ? keypairName : keypairName.substring(0, MAX_COMMON_NAME);
            return ofCertificate(X509Certificates.selfSigned(generated.keyPair(), commonName),
                    generated.privateKeyPem());
        }
        SshPublicKey ssh = generated.publicKey();
        return new KeyMaterial(ssh.toOpenSshLine(), ssh.md5Fingerprint(), ssh.algorithm(), ssh.publicKey(),
                generated.privateKeyPem());
    }

    @Override
    public KeyMaterial parsePublicKey(KeypairType type, String publicKey, String field) {
        return parsedKeys.get(type, publicKey, () -> parse(type, publicKey, field));
    }

    private static KeyMaterial parse(KeypairType type, String publicKey, String field) {
        try {
            if (type == KeypairType.X509) {
                return ofCertificate(publicKey, null);
            }
            SshPublicKey ssh = SshPublicKey.parse(publicKey);
            String line = ssh.comment() == null || ssh.comment().isBlank()
                    ? ssh.toOpenSshLine()
                    : ssh.toOpenSshLine() + " " + ssh.comment();
            return new KeyMaterial(line, ssh.md5Fingerprint(), ssh.algorithm(), ssh.publicKey(), null);
        } catch (InvalidKeyMaterialException e) {
            throw KpsException.invalid(field + ": " + e.getMessage());
        }
    }

    @Override
    public boolean privateKeyMatches(String privateKeyPem, PublicKey publicKey, String field) {
        PrivateKey privateKey;
        try {
            privateKey = PrivateKeys.parse(privateKeyPem);
        } catch (InvalidKeyMaterialException e) {
            throw KpsException.invalid(field + ": " + e.getMessage());
        }
        return PrivateKeys.matches(privateKey, publicKey);
    }

    private static KeyMaterial ofCertificate(String pem, String privateKey) {
        X509Certificates.ParsedCertificate cert = X509Certificates.parse(pem);
        return new KeyMaterial(cert.pem(), cert.sha1Fingerprint(), cert.algorithm(), cert.publicKey(), privateKey);
    }
}
