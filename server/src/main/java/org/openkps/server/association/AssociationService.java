package org.openkps.server.association;

import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.openkps.server.keypair.Caller;
import org.openkps.server.keypair.KeyMaterials;
import org.openkps.server.keypair.Keypair;
import org.openkps.server.keypair.KeypairService;
import org.openkps.server.keypair.KeypairType;
import org.openkps.server.keypair.KpsError;
import org.openkps.server.keypair.KpsException;
import org.openkps.server.keypair.UntrustedText;
import org.springframework.stereotype.Service;

/**
 * What KPS does when asked to bind a key pair to a server or unbind it, and what it tells about the
 * tasks. Everything the caller got wrong is refused at once; a request that passes becomes a stored
 * READY task that {@link TaskRunner} runs in the background. Tasks belong to the project.
 */
@Service
public class AssociationService {

    private static final List<Phase> UNFINISHED = List.of(Phase.READY, Phase.RUNNING);
    private static final List<Phase> FAILED = List.of(Phase.FAILED);

    private final ServerInventory inventory;
    private final KeypairService keypairs;
    private final KeyMaterials keyMaterials;
    private final TaskStore tasks;
    private final BindingStore bindings;
    private final TaskRunner runner;
    private final Clock clock;

    public AssociationService(ServerInventory inventory, KeypairService keypairs, KeyMaterials keyMaterials,
                              TaskStore tasks, BindingStore bindings, TaskRunner runner, Clock clock) {
        this.inventory = inventory;
        this.keypairs = keypairs;
        this.keyMaterials = keyMaterials;
        this.tasks = tasks;
        this.bindings = bindings;
        this.runner = runner;
        this.clock = clock;
    }

    /** Starts a reset (nothing bound yet) or a replace (a key pair bound) of the server's key pair. */
    public Task associate(Caller caller, AssociationRequest request) {
        EcsServer server = server(caller, request.serverId());
        Keypair keypair = keypairs.show(caller, request.keypairName());
        if (keypair.type() != KeypairType.SSH) {
            throw KpsException.invalid("key pair " + UntrustedText.quote(keypair.name())
                    + " is an x509 key pair; only ssh key pairs can be associated with a server");
        }
        Binding bound = bindings.find(server.id()).orElse(null);
        if (bound != null && request.credential() == null) {
            throw KpsException.invalid("server " + UntrustedText.quote(server.id()) + " has key pair "
                    + UntrustedText.quote(bound.keypairName()) + " bound; replacing it needs server.auth "
                    + "(the server's password or that key pair's private key)");
        }
        checkCredential(server, bound, request.credential());
        return start(caller, server, keypair.name(), bound == null ? Operation.RESET : Operation.REPLACE,
                request.disablePassword(), request.port(), request.credential());
    }

    /** Each entry on its own: started, or refused with the code and message it would have been answered with. */
    public List<Submission> batchAssociate(Caller caller, List<AssociationRequest> requests) {
        List<Submission> submissions = new ArrayList<>();
        for (AssociationRequest request : requests) {
            try {
                submissions.add(Submission.started(associate(caller, request)));
            } catch (KpsException e) {
                submissions.add(Submission.refused(request.serverId(), e.error().code(), e.getMessage()));
            }
        }
        return submissions;
    }

    /** Starts the unbinding of the key pair bound to the server. */
    public Task disassociate(Caller caller, DisassociationRequest request) {
        EcsServer server = server(caller, request.serverId());
        Binding bound = bindings.find(server.id()).orElseThrow(() -> KpsException.invalid(
                "server " + UntrustedText.quote(server.id()) + " has no key pair bound"));
        checkCredential(server, bound, request.credential());
        return start(caller, server, bound.keypairName(), Operation.UNBIND, null, request.port(),
                request.credential());
    }

    public Task showTask(Caller caller, String taskId) {
        return tasks.find(caller.projectId(), taskId).orElseThrow(() -> new KpsException(KpsError.TASK_NOT_FOUND,
                "task " + UntrustedText.quote(taskId) + " does not exist"));
    }

    /** Tasks that have not ended, oldest first. */
    public TaskPage listRunning(Caller caller, int limit, int offset) {
        return page(caller, UNFINISHED, limit, offset);
    }

    /** Failed tasks, oldest first. */
    public TaskPage listFailed(Caller caller, int limit, int offset) {
        return page(caller, FAILED, limit, offset);
    }

    public void deleteFailed(Caller caller, String taskId) {
        if (!tasks.deleteFailed(caller.projectId(), taskId)) {
            throw new KpsException(KpsError.FAILED_TASK_NOT_FOUND,
                    "failed task " + UntrustedText.quote(taskId) + " does not exist");
        }
    }

    public void deleteAllFailed(Caller caller) {
        tasks.deleteAllFailed(caller.projectId());
    }

    private TaskPage page(Caller caller, List<Phase> phases, int limit, int offset) {
        return new TaskPage(tasks.list(caller.projectId(), phases, limit, offset), tasks.count(caller.projectId(), phases));
    }

    private EcsServer server(Caller caller, String serverId) {
        return inventory.find(caller.projectId(), serverId).orElseThrow(() -> new KpsException(
                KpsError.SERVER_NOT_FOUND, "server " + UntrustedText.quote(serverId) + " does not exist in this project"));
    }

    /**
     * A server reached over SSH needs something to log in with; a private key given must be the bound
     * key pair's (checked here, so that the caller hears of a wrong key at once, not from a failed task).
     */
    private void checkCredential(EcsServer server, Binding bound, LoginCredential credential) {
        if (server.isReachable() && credential == null && server.password() == null) {
            throw KpsException.invalid("server " + UntrustedText.quote(server.id())
                    + " has no password configured; send server.auth to log in to it");
        }
        if (credential instanceof LoginCredential.PrivateKey key && bound != null) {
            PublicKey boundKey = keyMaterials.parsePublicKey(KeypairType.SSH, bound.publicKey(), "public_key").javaKey();
            if (!keyMaterials.privateKeyMatches(key.pem().reveal(), boundKey, "server.auth.key")) {
                throw KpsException.invalid("server.auth.key is not the private key of key pair "
                        + UntrustedText.quote(bound.keypairName()) + " bound to server " + UntrustedText.quote(server.id()));
            }
        }
    }

    private Task start(Caller caller, EcsServer server, String keypairName, Operation operation,
                       Boolean disablePassword, Integer port, LoginCredential credential) {
        long now = clock.millis();
        Task task = new Task(UUID.randomUUID().toString(), caller.projectId(), caller.userId(), server.id(),
                server.name(), keypairName, operation, Phase.READY, disablePassword, port, now, now, null, null);
        if (!tasks.insert(task)) {
            String running = tasks.findUnfinished(server.id()).map(UntrustedText::quote).orElse("(just ended)");
            throw new KpsException(KpsError.SERVER_BUSY, "server " + UntrustedText.quote(server.id()) + " has task "
                    + running + " running; send the request again when it has ended");
        }
        runner.submit(task, server, credential);
        return task;
    }
}
