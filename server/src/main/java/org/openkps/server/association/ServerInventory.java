package org.openkps.server.association;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The ECS servers key pairs can be associated with, each of one project; there is no ECS API here. */
public final class ServerInventory {

    // The contract's pattern for server ids: a configured id that no request could name is a mistake.
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final Map<String, EcsServer> byId = new LinkedHashMap<>();

    /** @throws IllegalArgumentException for a server without id or project, with an id the API cannot name, or a repeated id */
    public ServerInventory(List<EcsServer> servers) {
        for (EcsServer server : servers) {
            if (server.id() == null || !ID.matcher(server.id()).matches()) {
                throw new IllegalArgumentException("kps.ecs.servers: id " + server.id() + " must match " + ID);
            }
            if (server.projectId() == null || server.projectId().isBlank()) {
                throw new IllegalArgumentException("kps.ecs.servers: server " + server.id() + " needs a project-id");
            }
            if (server.port() < 1 || server.port() > 65535) {
                throw new IllegalArgumentException("kps.ecs.servers: server " + server.id() + " has port " + server.port());
            }
            if (byId.putIfAbsent(server.id(), server) != null) {
                throw new IllegalArgumentException("kps.ecs.servers: id " + server.id() + " is given twice");
            }
        }
    }

    /** The server of that id, if it belongs to the project. */
    public Optional<EcsServer> find(String projectId, String serverId) {
        return Optional.ofNullable(byId.get(serverId)).filter(server -> server.projectId().equals(projectId));
    }

    /** The ids of the project's servers, in the order configured. */
    public List<String> serverIds(String projectId) {
        return byId.values().stream().filter(server -> server.projectId().equals(projectId)).map(EcsServer::id).toList();
    }

    public int size() {
        return byId.size();
    }
}
