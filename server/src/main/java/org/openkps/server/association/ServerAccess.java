package org.openkps.server.association;

import java.util.function.UnaryOperator;

/**
 * Logs in to a server and rewrites the login user's {@code ~/.ssh/authorized_keys}: the port the
 * association core owns and the SSH adapter implements. The core says what the file becomes; the
 * adapter moves the bytes.
 */
public interface ServerAccess {

    /**
     * Logs in to {@code target} with {@code credential}, reads {@code ~/.ssh/authorized_keys} (empty when
     * absent), and writes back what {@code edit} makes of it, creating {@code ~/.ssh} (mode 700) and the file
     * (mode 600) when needed.
     *
     * @return the fingerprint ({@code SHA256:...}) of the host key the server showed
     * @throws ServerAccessException when the server cannot be reached, refuses the login or the host key
     *                               does not match; its message names no secret
     */
    String editAuthorizedKeys(SshTarget target, LoginCredential credential, UnaryOperator<String> edit);
}
