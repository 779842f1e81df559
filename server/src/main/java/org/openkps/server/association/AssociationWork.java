package org.openkps.server.association;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.openkps.server.keypair.Caller;
import org.openkps.server.keypair.Keypair;
import org.openkps.server.keypair.KeypairService;
import org.openkps.server.keypair.KpsError;
import org.openkps.server.keypair.KpsException;
import org.openkps.server.keypair.UntrustedText;

/**
 * What one task does to its server: for a server with a {@code host}, log in over SSH and put the key
 * pair's line into the login user's {@code authorized_keys} (in place of the line of the key pair bound
 * before), or take it out; for a bookkeeping server, nothing. The bindings are updated by the caller,
 * with the task's end, in one transaction.
 */
class AssociationWork {

    private final KeypairService keypairs;
    private final BindingStore bindings;
    private final ServerAccess access;
    private final Duration sshTimeout;

    AssociationWork(KeypairService keypairs, BindingStore bindings, ServerAccess access, Duration sshTimeout) {
        this.keypairs = keypairs;
        this.bindings = bindings;
        this.access = access;
        this.sshTimeout = sshTimeout;
    }

    /**
     * Does the task's work; returns the binding the server has afterwards (null: none).
     *
     * @throws TaskFailure when the work could not be done
     */
    Binding perform(Task task, EcsServer server, LoginCredential given, long now) {
        Binding before = bindings.find(server.id()).orElse(null);
        Binding after = task.operation() == Operation.UNBIND ? null : bindingOf(task, server, now);
        if (server.isReachable()) {
            String remove = before == null ? null : before.publicKey();
            String add = after == null ? null : after.publicKey();
            String comment = "kps:" + task.keypairName();
            login(task, server, given, file -> AuthorizedKeys.edit(file, remove, add, comment), now);
        }
        return after;
    }

    /** The key pair as it is now: deleted since the request, the task fails. */
    private Binding bindingOf(Task task, EcsServer server, long now) {
        try {
            Keypair keypair = keypairs.show(new Caller(task.projectId(), task.userId(), null, false), task.keypairName());
            return new Binding(server.id(), task.projectId(), keypair.name(), keypair.publicKey(), now);
        } catch (KpsException e) {
            if (e.error() == KpsError.KEYPAIR_NOT_FOUND) {
                throw new TaskFailure(TaskFailure.KEYPAIR_NOT_FOUND, "key pair " + UntrustedText.quote(task.keypairName())
                        + " was deleted before the task could bind it");
            }
            throw e;
        }
    }

    private void login(Task task, EcsServer server, LoginCredential given,
                       UnaryOperator<String> edit, long now) {
        LoginCredential credential = given != null ? given : new LoginCredential.Password(server.password());
        String remembered = server.hostKey() != null ? server.hostKey() : bindings.findHostKey(server.id()).orElse(null);
        int port = task.port() != null ? task.port() : server.port();
        SshTarget target = new SshTarget(server.id(), server.host(), port, server.loginUser(), remembered, sshTimeout);
        String shown;
        try {
            shown = access.editAuthorizedKeys(target, credential, edit);
        } catch (ServerAccessException e) {
            String code = switch (e.reason()) {
                case LOGIN_REFUSED, HOST_KEY_MISMATCH -> TaskFailure.VERIFICATION_FAILED;
                case UNREACHABLE, TIMEOUT, FILE_ERROR -> TaskFailure.UNAVAILABLE;
            };
            throw new TaskFailure(code, e.getMessage());
        }
        if (remembered == null) {
            // Trust on first use: from now on this server must show the same host key.
            bindings.rememberHostKey(server.id(), shown, now);
        }
    }
}
