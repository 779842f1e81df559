package org.openkps.server.store;

import java.util.Collection;
import java.util.Optional;

import org.openkps.server.association.Binding;
import org.openkps.server.association.BindingStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@link BindingStore} on a relational database, plain SQL for H2 and PostgreSQL alike. */
@Repository
public class JdbcBindingStore implements BindingStore {

    private final JdbcClient jdbc;

    public JdbcBindingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Binding> find(String serverId) {
        return jdbc.sql("SELECT server_id, project_id, keypair_name, public_key, bound_time FROM server_binding "
                        + "WHERE server_id = :server")
                .param("server", serverId)
                .query((rs, row) -> new Binding(rs.getString("server_id"), rs.getString("project_id"),
                        rs.getString("keypair_name"), rs.getString("public_key"), rs.getLong("bound_time")))
                .optional();
    }

    @Override
    public void bind(Binding b) {
        unbind(b.serverId());
        jdbc.sql("INSERT INTO server_binding (server_id, project_id, keypair_name, public_key, bound_time) "
                        + "VALUES (:server, :project, :keypair, :publicKey, :time)")
                .param("server", b.serverId())
                .param("project", b.projectId())
                .param("keypair", b.keypairName())
                .param("publicKey", b.publicKey())
                .param("time", b.boundTime())
                .update();
    }

    @Override
    public void unbind(String serverId) {
        jdbc.sql("DELETE FROM server_binding WHERE server_id = :server").param("server", serverId).update();
    }

    @Override
    public Optional<String> findHostKey(String serverId) {
        return jdbc.sql("SELECT fingerprint FROM server_host_key WHERE server_id = :server")
                .param("server", serverId)
                .query(String.class)
                .optional();
    }

    @Override
    public void rememberHostKey(String serverId, String fingerprint, long time) {
        jdbc.sql("INSERT INTO server_host_key (server_id, fingerprint, first_seen) VALUES (:server, :fingerprint, :time)")
                .param("server", serverId)
                .param("fingerprint", fingerprint)
                .param("time", time)
                .update();
    }

    @Override
    public void deleteAll(String projectId, Collection<String> serverIds) {
        if (projectId == null) {
            jdbc.sql("DELETE FROM server_binding").update();
            jdbc.sql("DELETE FROM server_host_key").update();
            return;
        }
        jdbc.sql("DELETE FROM server_binding WHERE project_id = :project").param("project", projectId).update();
        if (!serverIds.isEmpty()) {
            jdbc.sql("DELETE FROM server_host_key WHERE server_id IN (:servers)").param("servers", serverIds).update();
        }
    }
}
