package org.openkps.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the server is told from outside, under {@code kps.*}: one record per concern, in one place.
 *
 * @param dataDir     where the embedded database and the key files live
 * @param credentials who may call, and as whom; empty means "the one documented local credential"
 * @param kms         the local key ring that {@code kms} key protection names
 * @param vault       how hosted private keys are protected at rest
 * @param maxBodyBytes the largest request body accepted; larger ones are answered with 413
 * @param readTimeout how long a request body may take to arrive, and the longest a read may wait for it;
 *                    a request whose body takes longer is answered with 408 and its connection closed
 * @param listMarkerRetention how long the name of a deleted key pair still continues a listing as its
 *                            marker; older ones are forgotten, so the store does not grow without end
 * @param ecs         the ECS servers that key pairs can be associated with
 * @param admin       who may use the admin API under {@code /_openkps}
 * @param keygen      how created key pairs get their keys
 */
@ConfigurationProperties("kps")
public record KpsSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue List<Credential> credentials,
        @DefaultValue Kms kms,
        @DefaultValue Vault vault,
        @DefaultValue("1048576") long maxBodyBytes,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("7d") Duration listMarkerRetention,
        @DefaultValue Ecs ecs,
        @DefaultValue Admin admin,
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
     * @param masterKey          optional base64 of 32 bytes that wraps the data keys of {@code default}
     *                           protection; when absent it is generated once and kept under the data dir
     * @param previousMasterKeys master keys of before a rotation (base64 of 32 bytes each): still opened,
     *                           never sealed with once the re-seal has recorded the master key as the store's
     */
    public record Vault(String masterKey, @DefaultValue List<String> previousMasterKeys) {

        @ConstructorBinding
        public Vault {
        }

        public Vault(String masterKey) {
            this(masterKey, List.of());
        }
    }

    /**
     * The servers KPS associates key pairs with; there is no ECS API here, only this inventory.
     *
     * @param servers    the inventory
     * @param taskDelay  how long a task for a server without a {@code host} takes (it only keeps the books)
     * @param sshTimeout how long connecting, logging in and each step over SSH may take
     * @param taskLease  with several servers on one database: how long a server may go unseen before the others
     *                   end the tasks it left unfinished
     */
    public record Ecs(
            @DefaultValue List<EcsServer> servers,
            @DefaultValue("1s") Duration taskDelay,
            @DefaultValue("30s") Duration sshTimeout,
            @DefaultValue("30s") Duration taskLease) {

        @ConstructorBinding
        public Ecs {
        }

        public Ecs(List<EcsServer> servers, Duration taskDelay, Duration sshTimeout) {
            this(servers, taskDelay, sshTimeout, Duration.ofSeconds(30));
        }
    }

    /**
     * One ECS server. With a {@code host}, association logs in to it over SSH; without one it is
     * bookkeeping only.
     *
     * @param name      shown in task lists; the id when absent
     * @param hostKey   the fingerprint its SSH host key must have ({@code SHA256:...} as ssh-keygen -l prints
     *                  it, or {@code MD5:...}); when absent the first key seen is trusted and remembered
     * @param password  the login user's password, used when a request brings no {@code auth}
     */
    public record EcsServer(
            String id,
            String name,
            String projectId,
            String host,
            @DefaultValue("22") int port,
            @DefaultValue("root") String loginUser,
            String hostKey,
            String password) {

        // A record would print the password.
        @Override
        public String toString() {
            return "EcsServer[id=" + id + ", projectId=" + projectId + ", host=" + host + ", port=" + port + "]";
        }
    }

    /**
     * @param token the {@code X-Admin-Token} of the admin API; when absent, the documented local admin token
     */
    public record Admin(String token) {
    }

    /**
     * @param poolSize how many RSA-2048 keys are generated ahead of demand and kept in memory for creates
     *                 (each used once); 0 generates every key when it is asked for
     */
    public record Keygen(@DefaultValue("16") int poolSize) {
    }
}
