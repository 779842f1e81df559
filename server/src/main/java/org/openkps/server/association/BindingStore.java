package org.openkps.server.association;

import java.util.Collection;
import java.util.Optional;

/**
 * What KPS knows of each server: the key pair bound to it and the host key it trusts for it. The
 * port the association core owns and a store adapter implements.
 */
public interface BindingStore {

    Optional<Binding> find(String serverId);

    /** Binds, replacing the binding before. */
    void bind(Binding binding);

    void unbind(String serverId);

    /** The host-key fingerprint remembered for the server since first use. */
    Optional<String> findHostKey(String serverId);

    void rememberHostKey(String serverId, String fingerprint, long time);

    /**
     * Forgets the bindings of the project and the host keys remembered for its servers ({@code serverIds}:
     * host keys are kept by server only); every binding and host key when {@code projectId} is null.
     */
    void deleteAll(String projectId, Collection<String> serverIds);
}
