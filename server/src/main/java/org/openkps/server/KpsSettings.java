package org.openkps.server;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the server is told from outside, under {@code kps.*}: one record per concern, in one place.
 *
 * @param dataDir     where the embedded database and the key files live
 * @param credentials who may call, and as whom; empty means "the one documented local credential"
 * @param kms         the local key ring that {@code kms} key protection names
 * @param vault       how hosted private keys are protected at rest
 * @param maxBodyBytes the largest request body accepted; larger ones are answered with 413
 * @param keygen      how created key pairs get their keys
 */
@ConfigurationProperties("kps")
public record KpsSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue List<Credential> credentials,
        @DefaultValue Kms kms,
        @DefaultValue Vault vault,
        @DefaultValue("1048576") long maxBodyBytes,
        @DefaultValue Keygen keygen) {

    /**
     * One caller. A token, an access key / secret key pair, or both, map to the same identity.
     */
    public record Credential(
            String token,
            String accessKey,
            String secretKey,
            String projectId,
            String userId,
            String domainId,
            boolean admin) {
    }

    /** The local stand-in for KMS: named keys that {@code kms} protection may refer to. */
    public record Kms(@DefaultValue List<KmsKey> keys) {
    }

    /**
     * One key of the local key ring.
     *
     * @param id     the KMS key id ({@code kms_key_id})
     * @param name   the KMS key alias ({@code kms_key_name})
     * @param secret optional base64 of 32 bytes; when absent the key is generated once and kept under the data dir
     */
    public record KmsKey(String id, String name, String secret) {
    }

    /**
     * @param masterKey optional base64 of 32 bytes that wraps the data keys of {@code default} protection;
     *                  when absent it is generated once and kept under the data dir
     */
    public record Vault(String masterKey) {
    }

    /**
     * @param poolSize how many RSA-2048 keys are generated ahead of demand and kept in memory for creates
     *                 (each used once); 0 generates every key when it is asked for
     */
    public record Keygen(@DefaultValue("16") int poolSize) {
    }
}
