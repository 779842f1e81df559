package org.openkps.server.keypair;

import java.security.PrivateKey;
import java.security.PublicKey;

import org.openkps.server.crypto.GeneratedKeyPair;
import org.openkps.server.crypto.InvalidKeyMaterialException;
import org.openkps.server.crypto.PrivateKeys;
import org.openkps.server.crypto.SshKeyGenerator;
import org.openkps.server.crypto.SshPublicKey;
import org.openkps.server.crypto.X509Certificates;
import org.openkps.server.error.KpsError;
import org.openkps.server.error.KpsException;
import org.springframework.stereotype.Component;

/** Turns what a caller sends into checked key material, and makes new keys: the crypto seen from the domain. */
@Component
class KeyMaterials {

    private final SshKeyGenerator generator;

    KeyMaterials(SshKeyGenerator generator) {
        this.generator = generator;
    }

    /** A new RSA-2048 key pair; for x509 its public key is a self-signed certificate named after the key pair. */
    KeyMaterial generate(KeypairType type, String name) {
        GeneratedKeyPair generated = generator.generateRsa2048();
        if (type == KeypairType.X509) {
            return ofCertificate(X509Certificates.selfSigned(generated.keyPair(), commonName(name)),
                    generated.privateKeyPem());
        }
        SshPublicKey ssh = generated.publicKey();
        return new KeyMaterial(ssh.toOpenSshLine(), ssh.md5Fingerprint(), ssh.algorithm(), ssh.publicKey(),
                generated.privateKeyPem());
    }

    // X.500 caps a common name at 64 characters (RFC 5280); names may have 255.
    private static String commonName(String keypairName) {
        return keypairName.length() <= 64 ? keypairName : keypairName.substring(0, 64);
    }

    /** Parses an imported public key, refusing (400) anything that is not a usable key of the type. */
    KeyMaterial parsePublicKey(KeypairType type, String publicKey, String field) {
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

    /** Checks that a private key (PEM) is readable (400) and belongs to the public key (400 KPS.6011). */
    void checkPrivateKey(String privateKeyPem, PublicKey publicKey, String keypairName, String field) {
        PrivateKey privateKey;
        try {
            privateKey = PrivateKeys.parse(privateKeyPem);
        } catch (InvalidKeyMaterialException e) {
            throw KpsException.invalid(field + ": " + e.getMessage());
        }
        if (!PrivateKeys.matches(privateKey, publicKey)) {
            throw new KpsException(KpsError.PRIVATE_KEY_MISMATCH,
                    "the imported private key does not match the public key of key pair '" + keypairName + "'");
        }
    }

    /** The public key of a stored key pair, to check a private key against. */
    PublicKey publicKeyOf(Keypair keypair) {
        return parsePublicKey(keypair.type(), keypair.publicKey(), "public_key").javaKey();
    }

    private static KeyMaterial ofCertificate(String pem, String privateKey) {
        X509Certificates.ParsedCertificate cert = X509Certificates.parse(pem);
        return new KeyMaterial(cert.pem(), cert.sha1Fingerprint(), cert.algorithm(), cert.publicKey(), privateKey);
    }
}
