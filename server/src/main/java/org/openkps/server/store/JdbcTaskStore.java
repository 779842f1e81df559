package org.openkps.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.openkps.server.association.Operation;
import org.openkps.server.association.Phase;
import org.openkps.server.association.Task;
import org.openkps.server.association.TaskStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@link TaskStore} on a relational database, plain SQL for H2 and PostgreSQL alike. */
@Repository
public class JdbcTaskStore implements TaskStore {

    private static final String COLUMNS = """
            id, project_id, user_id, server_id, server_name, keypair_name, operation, phase, disable_password,
            ssh_port, create_time, update_time, error_code, error_msg""";
    private static final String UNFINISHED = "phase IN ('READY', 'RUNNING')";

    private final JdbcClient jdbc;

    public JdbcTaskStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(Task t) {
        try {
            jdbc.sql("INSERT INTO association_task (" + COLUMNS + ", active_server_id) VALUES (:id, :project, :user, "
                            + ":server, :serverName, :keypair, :operation, :phase, :disablePassword, :port, :createTime, "
                            + ":updateTime, :errorCode, :errorMsg, :server)")
                    .param("id", t.id())
                    .param("project", t.projectId())
                    .param("user", t.userId())
                    .param("server", t.serverId())
                    .param("serverName", t.serverName())
                    .param("keypair", t.keypairName())
                    .param("operation", t.operation().name())
                    .param("phase", t.phase().name())
                    .param("disablePassword", t.disablePassword())
                    .param("port", t.port())
                    .param("createTime", t.createTime())
                    .param("updateTime", t.updateTime())
                    .param("errorCode", t.errorCode())
                    .param("errorMsg", t.errorMsg())
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public Optional<Task> find(String projectId, String taskId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM association_task WHERE project_id = :project AND id = :id")
                .param("project", projectId)
                .param("id", taskId)
                .query(JdbcTaskStore::task)
                .optional();
    }

    @Override
    public Optional<String> findUnfinished(String serverId) {
        return jdbc.sql("SELECT id FROM association_task WHERE active_server_id = :server")
                .param("server", serverId)
                .query(String.class)
                .optional();
    }

    @Override
    public boolean markRunning(String taskId, long time) {
        return jdbc.sql("UPDATE association_task SET phase = 'RUNNING', update_time = :time "
                        + "WHERE id = :id AND phase = 'READY'")
                .param("time", time)
                .param("id", taskId)
                .update() > 0;
    }

    @Override
    public void end(Task ended) {
        jdbc.sql("UPDATE association_task SET phase = :phase, error_code = :code, error_msg = :msg, "
                        + "update_time = :time, active_server_id = NULL WHERE id = :id AND " + UNFINISHED)
                .param("phase", ended.phase().name())
                .param("code", ended.errorCode())
                .param("msg", ended.errorMsg())
                .param("time", ended.updateTime())
                .param("id", ended.id())
                .update();
    }

    @Override
    public int failUnfinished(String errorCode, String errorMsg, long time) {
        return jdbc.sql("UPDATE association_task SET phase = 'FAILED', error_code = :code, error_msg = :msg, "
                        + "update_time = :time, active_server_id = NULL WHERE " + UNFINISHED)
                .param("code", errorCode)
                .param("msg", errorMsg)
                .param("time", time)
                .update();
    }

    @Override
    public List<Task> list(String projectId, List<Phase> phases, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM association_task WHERE project_id = :project "
                        + "AND phase IN (:phases) ORDER BY create_time, id LIMIT :limit OFFSET :offset")
                .param("project", projectId)
                .param("phases", names(phases))
                .param("limit", limit)
                .param("offset", offset)
                .query(JdbcTaskStore::task)
                .list();
    }

    @Override
    public int count(String projectId, List<Phase> phases) {
        return jdbc.sql("SELECT COUNT(*) FROM association_task WHERE project_id = :project AND phase IN (:phases)")
                .param("project", projectId)
                .param("phases", names(phases))
                .query(Integer.class)
                .single();
    }

    @Override
    public boolean deleteFailed(String projectId, String taskId) {
        return jdbc.sql("DELETE FROM association_task WHERE project_id = :project AND id = :id AND phase = 'FAILED'")
                .param("project", projectId)
                .param("id", taskId)
                .update() > 0;
    }

    @Override
    public void deleteAllFailed(String projectId) {
        jdbc.sql("DELETE FROM association_task WHERE project_id = :project AND phase = 'FAILED'")
                .param("project", projectId)
                .update();
    }

    @Override
    public void deleteAll(String projectId) {
        if (projectId == null) {
            jdbc.sql("DELETE FROM association_task").update();
            return;
        }
        jdbc.sql("DELETE FROM association_task WHERE project_id = :project").param("project", projectId).update();
    }

    private static List<String> names(List<Phase> phases) {
        return phases.stream().map(Phase::name).toList();
    }

    private static Task task(ResultSet rs, int row) throws SQLException {
        return new Task(
                rs.getString("id"),
                rs.getString("project_id"),
                rs.getString("user_id"),
                rs.getString("server_id"),
                rs.getString("server_name"),
                rs.getString("keypair_name"),
                Operation.valueOf(rs.getString("operation")),
                Phase.valueOf(rs.getString("phase")),
                rs.getObject("disable_password", Boolean.class),
                rs.getObject("ssh_port", Integer.class),
                rs.getLong("create_time"),
                rs.getLong("update_time"),
                rs.getString("error_code"),
                rs.getString("error_msg"));
    }
}
