package org.openkps.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.openkps.server.KpsSettings;
import org.openkps.server.keypair.HostedKey;
import org.openkps.server.keypair.Keypair;
import org.openkps.server.keypair.KeypairScope;
import org.openkps.server.keypair.KeypairStore;
import org.openkps.server.keypair.KeypairType;
import org.openkps.server.keypair.ProtectionType;
import org.openkps.server.keypair.SealedPrivateKey;
import org.openkps.server.keypair.StoredPrivateKey;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@link KeypairStore} on a relational database: plain SQL that runs on H2 and PostgreSQL alike,
 * over the schema of {@code db/migration}.
 */
@Repository
public class JdbcKeypairStore implements KeypairStore {

    private static final String SELECT = """
            SELECT k.id, k.project_id, k.name, k.type, k.scope, k.user_id, k.public_key, k.fingerprint,
                   k.algorithm, k.description, k.frozen_state, k.create_time, k.update_time,
                   h.encryption_type, h.kms_key_id, h.kms_key_name
              FROM keypair k LEFT JOIN hosted_private_key h ON h.keypair_id = k.id
            """;
    private static final String VISIBLE = " k.project_id = :project AND (k.scope = 'domain' OR k.user_id = :user) ";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final long markerRetentionMillis;
    private volatile String shareLock;

    public JdbcKeypairStore(JdbcClient jdbc, DataSource dataSource, KpsSettings settings) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.markerRetentionMillis = settings.listMarkerRetention().toMillis();
    }

    // The unique constraint decides whether the name is free, not a look-up before.
    @Override
    public Optional<Keypair> insert(Keypair k) {
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO keypair (project_id, name, type, scope, user_id, public_key, fingerprint,
                                         algorithm, description, frozen_state, create_time, update_time)
                    VALUES (:project, :name, :type, :scope, :user, :publicKey, :fingerprint,
                            :algorithm, :description, :frozenState, :createTime, :updateTime)
                    """)
                    .param("project", k.projectId())
                    .param("name", k.name())
                    .param("type", k.type().value())
                    .param("scope", k.scope().value())
                    .param("user", k.userId())
                    .param("publicKey", k.publicKey())
                    .param("fingerprint", k.fingerprint())
                    .param("algorithm", k.algorithm())
                    .param("description", k.description())
                    .param("frozenState", k.frozenState())
                    .param("createTime", k.createTime())
                    .param("updateTime", k.updateTime())
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        long id = keys.getKeyAs(Number.class).longValue();
        return Optional.of(new Keypair(id, k.projectId(), k.name(), k.type(), k.scope(), k.userId(), k.publicKey(),
                k.fingerprint(), k.algorithm(), k.description(), k.frozenState(), k.createTime(), k.updateTime(),
                null));
    }

    @Override
    public Optional<Keypair> findVisible(String projectId, String userId, String name) {
        return jdbc.sql(SELECT + " WHERE" + VISIBLE + "AND k.name = :name")
                .param("project", projectId)
                .param("user", userId)
                .param("name", name)
                .query(JdbcKeypairStore::keypair)
                .optional();
    }

    @Override
    public List<Keypair> listVisible(String projectId, String userId, String afterName, int limit) {
        String after = afterName == null ? "" : " AND k.name > :after";
        // project_id is fixed, so ordering by it changes nothing but lets H2 read the page off the
        // (project_id, name) index instead of sorting every key pair after the marker (50 ms at 50,000).
        var spec = jdbc.sql(SELECT + " WHERE" + VISIBLE + after + " ORDER BY k.project_id, k.name LIMIT :limit")
                .param("project", projectId)
                .param("user", userId)
                .param("limit", limit);
        if (afterName != null) {
            spec = spec.param("after", afterName);
        }
        return spec.query(JdbcKeypairStore::keypair).list();
    }

    @Override
    public boolean isKnownMarker(String projectId, String userId, String name) {
        return findVisible(projectId, userId, name).isPresent()
                || jdbc.sql("SELECT COUNT(*) FROM deleted_keypair_name WHERE project_id = :project AND name = :name")
                        .param("project", projectId)
                        .param("name", name)
                        .query(Long.class).single() > 0;
    }

    @Override
    public void updateDescription(long keypairId, String description, long updateTime) {
        jdbc.sql("UPDATE keypair SET description = :description, update_time = :updateTime WHERE id = :id")
                .param("description", description)
                .param("updateTime", updateTime)
                .param("id", keypairId)
                .update();
    }

    @Override
    public boolean delete(Keypair k, long deleteTime) {
        // The row is locked by the first of concurrent deletes; the others then find it gone.
        if (jdbc.sql("DELETE FROM keypair WHERE id = :id").param("id", k.id()).update() == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM hosted_private_key WHERE keypair_id = :id").param("id", k.id()).update();
        jdbc.sql("DELETE FROM deleted_keypair_name WHERE project_id = :project AND name = :name")
                .param("project", k.projectId())
                .param("name", k.name())
                .update();
        jdbc.sql("INSERT INTO deleted_keypair_name (project_id, name, delete_time) VALUES (:project, :name, :time)")
                .param("project", k.projectId())
                .param("name", k.name())
                .param("time", deleteTime)
                .update();
        // Names of key pairs deleted longer ago than the retention no longer continue a listing.
        jdbc.sql("DELETE FROM deleted_keypair_name WHERE delete_time < :cutoff")
                .param("cutoff", deleteTime - markerRetentionMillis)
                .update();
        return true;
    }

    @Override
    public Keypair host(Keypair k, SealedPrivateKey sealed, long updateTime) {
        // The key pair's row first: concurrent hosts of one key pair wait for each other here, so that each
        // replaces what the one before it hosted instead of both inserting (a duplicate key).
        touch(k.id(), updateTime);
        deleteHostedKey(k.id());
        Base64.Encoder base64 = Base64.getEncoder();
        jdbc.sql("""
                INSERT INTO hosted_private_key (keypair_id, encryption_type, kms_key_id, kms_key_name,
                                                wrapped_data_key, ciphertext)
                VALUES (:id, :type, :kmsKeyId, :kmsKeyName, :wrapped, :ciphertext)
                """)
                .param("id", k.id())
                .param("type", sealed.type().value())
                .param("kmsKeyId", sealed.kmsKeyId())
                .param("kmsKeyName", sealed.kmsKeyName())
                .param("wrapped", base64.encodeToString(sealed.wrappedDataKey()))
                .param("ciphertext", base64.encodeToString(sealed.ciphertext()))
                .update();
        HostedKey hosted = new HostedKey(sealed.type(), sealed.kmsKeyId(), sealed.kmsKeyName());
        return new Keypair(k.id(), k.projectId(), k.name(), k.type(), k.scope(), k.userId(), k.publicKey(),
                k.fingerprint(), k.algorithm(), k.description(), k.frozenState(), k.createTime(), updateTime, hosted);
    }

    @Override
    public Optional<SealedPrivateKey> findHostedKey(long keypairId) {
        Base64.Decoder base64 = Base64.getDecoder();
        return jdbc.sql("""
                SELECT encryption_type, kms_key_id, kms_key_name, wrapped_data_key, ciphertext
                  FROM hosted_private_key WHERE keypair_id = :id
                """)
                .param("id", keypairId)
                .query((rs, row) -> new SealedPrivateKey(
                        ProtectionType.fromValue(rs.getString("encryption_type")),
                        rs.getString("kms_key_id"),
                        rs.getString("kms_key_name"),
                        base64.decode(rs.getString("wrapped_data_key")),
                        base64.decode(rs.getString("ciphertext"))))
                .optional();
    }

    @Override
    public boolean clearHostedKey(long keypairId, long updateTime) {
        boolean hosted = deleteHostedKey(keypairId);
        if (hosted) {
            touch(keypairId, updateTime);
        }
        return hosted;
    }

    @Override
    public void deleteAll(String projectId) {
        if (projectId == null) {
            jdbc.sql("DELETE FROM hosted_private_key").update();
            jdbc.sql("DELETE FROM keypair").update();
            jdbc.sql("DELETE FROM deleted_keypair_name").update();
            return;
        }
        jdbc.sql("DELETE FROM hosted_private_key WHERE keypair_id IN (SELECT id FROM keypair WHERE project_id = :project)")
                .param("project", projectId).update();
        jdbc.sql("DELETE FROM keypair WHERE project_id = :project").param("project", projectId).update();
        jdbc.sql("DELETE FROM deleted_keypair_name WHERE project_id = :project").param("project", projectId).update();
    }

    @Override
    public boolean answers() {
        try {
            return jdbc.sql("SELECT COUNT(*) FROM deleted_keypair_name WHERE 1 = 0").query(Long.class).single() == 0;
        } catch (DataAccessException e) {
            return false;
        }
    }

    // Outside a transaction: of two servers recording at once one insert fails, and the other's value is read.
    @Override
    public String keyCheckValue(String keyName, String proposed) {
        Optional<String> recorded = recordedKeyCheck(keyName);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        try {
            jdbc.sql("INSERT INTO vault_key_check (key_name, check_value) VALUES (:name, :value)")
                    .param("name", keyName)
                    .param("value", proposed)
                    .update();
            return proposed;
        } catch (DuplicateKeyException e) {
            return recordedKeyCheck(keyName).orElseThrow();
        }
    }

    @Override
    public Optional<String> recordedKeyCheckValue(String keyName) {
        return recordedKeyCheck(keyName);
    }

    @Override
    public String lockedKeyCheckValue(String keyName) {
        return jdbc.sql("SELECT check_value FROM vault_key_check WHERE key_name = :name " + shareLock())
                .param("name", keyName)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Override
    public void recordKeyCheckValue(String keyName, String checkValue) {
        if (checkValue == null) {
            jdbc.sql("DELETE FROM vault_key_check WHERE key_name = :name").param("name", keyName).update();
            return;
        }
        if (jdbc.sql("UPDATE vault_key_check SET check_value = :value WHERE key_name = :name")
                .param("name", keyName)
                .param("value", checkValue)
                .update() == 0) {
            jdbc.sql("INSERT INTO vault_key_check (key_name, check_value) VALUES (:name, :value)")
                    .param("name", keyName)
                    .param("value", checkValue)
                    .update();
        }
    }

    @Override
    public List<StoredPrivateKey> hostedKeysAfter(ProtectionType protection, long afterKeypairId, int limit) {
        Base64.Decoder base64 = Base64.getDecoder();
        return jdbc.sql("""
                SELECT h.keypair_id, k.project_id, h.encryption_type, h.kms_key_id, h.kms_key_name,
                       h.wrapped_data_key, h.ciphertext
                  FROM hosted_private_key h JOIN keypair k ON k.id = h.keypair_id
                 WHERE h.encryption_type = :type AND h.keypair_id > :after
                 ORDER BY h.keypair_id LIMIT :limit
                """)
                .param("type", protection.value())
                .param("after", afterKeypairId)
                .param("limit", limit)
                .query((rs, row) -> new StoredPrivateKey(rs.getLong("keypair_id"), rs.getString("project_id"),
                        new SealedPrivateKey(
                                ProtectionType.fromValue(rs.getString("encryption_type")),
                                rs.getString("kms_key_id"),
                                rs.getString("kms_key_name"),
                                base64.decode(rs.getString("wrapped_data_key")),
                                base64.decode(rs.getString("ciphertext")))))
                .list();
    }

    @Override
    public boolean replaceWrappedDataKey(long keypairId, byte[] expected, byte[] replacement) {
        Base64.Encoder base64 = Base64.getEncoder();
        return jdbc.sql("""
                UPDATE hosted_private_key SET wrapped_data_key = :replacement
                 WHERE keypair_id = :id AND wrapped_data_key = :expected
                """)
                .param("id", keypairId)
                .param("expected", base64.encodeToString(expected))
                .param("replacement", base64.encodeToString(replacement))
                .update() == 1;
    }

    // PostgreSQL lets sealing transactions share the lock; H2 (one server only) knows no FOR SHARE.
    private String shareLock() {
        String lock = shareLock;
        if (lock == null) {
            try (Connection connection = dataSource.getConnection()) {
                lock = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                        ? "FOR SHARE" : "FOR UPDATE";
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("cannot read the database's product name", e);
            }
            shareLock = lock;
        }
        return lock;
    }

    private Optional<String> recordedKeyCheck(String keyName) {
        return jdbc.sql("SELECT check_value FROM vault_key_check WHERE key_name = :name")
                .param("name", keyName)
                .query(String.class)
                .optional();
    }

    private boolean deleteHostedKey(long keypairId) {
        return jdbc.sql("DELETE FROM hosted_private_key WHERE keypair_id = :id").param("id", keypairId).update() > 0;
    }

    private void touch(long keypairId, long updateTime) {
        jdbc.sql("UPDATE keypair SET update_time = :updateTime WHERE id = :id")
                .param("updateTime", updateTime)
                .param("id", keypairId)
                .update();
    }

    private static Keypair keypair(ResultSet rs, int row) throws SQLException {
        String encryption = rs.getString("encryption_type");
        HostedKey hosted = encryption == null ? null
                : new HostedKey(ProtectionType.fromValue(encryption), rs.getString("kms_key_id"), rs.getString("kms_key_name"));
        return new Keypair(
                rs.getLong("id"),
                rs.getString("project_id"),
                rs.getString("name"),
                KeypairType.fromValue(rs.getString("type")),
                KeypairScope.fromValue(rs.getString("scope")),
                rs.getString("user_id"),
                rs.getString("public_key"),
                rs.getString("fingerprint"),
                rs.getString("algorithm"),
                rs.getString("description"),
                rs.getInt("frozen_state"),
                rs.getLong("create_time"),
                rs.getLong("update_time"),
                hosted);
    }
}
