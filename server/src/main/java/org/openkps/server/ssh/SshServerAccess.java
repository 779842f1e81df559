package org.openkps.server.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.openkps.server.association.LoginCredential;
import org.openkps.server.association.ServerAccess;
import org.openkps.server.association.ServerAccessException;
import org.openkps.server.association.ServerAccessException.Reason;
import org.openkps.server.association.SshTarget;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The {@link ServerAccess} over SSH with Apache MINA SSHD: log in with the task's password or private
 * key, then edit {@code ~/.ssh/authorized_keys} over SFTP (no shell, so nothing to quote and nothing that
 * depends on the server's shell). The new file is written beside the old one and renamed over it, so a
 * broken connection leaves either the old file or the new one. Nothing of the KPS host's own SSH set-up
 * (its {@code ~/.ssh/config}, keys or known hosts) is used.
 */
@Component
public class SshServerAccess implements ServerAccess, DisposableBean {

    private static final AttributeKey<HostKeyCheck> HOST_KEY_CHECK = new AttributeKey<>();
    private static final String SSH_DIR = ".ssh";
    private static final String AUTHORIZED_KEYS = ".ssh/authorized_keys";

    private final Object starting = new Object();
    // Started on first use: setting SSHD up (its security providers, its threads) took 1 to 2 s of every
    // server's start, and most servers never log in anywhere.
    private volatile SshClient client;

    private SshClient client() {
        SshClient started = client;
        if (started == null) {
            synchronized (starting) {
                started = client;
                if (started == null) {
                    started = SshClient.setUpDefaultClient();
                    started.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
                    started.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
                    started.setServerKeyVerifier(SshServerAccess::verifyHostKey);
                    started.start();
                    client = started;
                }
            }
        }
        return started;
    }

    @Override
    public String editAuthorizedKeys(SshTarget target, LoginCredential credential, UnaryOperator<String> edit) {
        String where = "server '" + target.serverId() + "' (" + target.host() + ":" + target.port() + ")";
        HostKeyCheck hostKey = new HostKeyCheck(target.expectedHostKey());
        try (ClientSession session = connect(target, hostKey, where)) {
            logIn(session, target, credential, hostKey, where);
            editOverSftp(session, edit, target, where);
            return hostKey.shown();
        } catch (IOException e) {
            throw broken(e, target, where);
        }
    }

    private ClientSession connect(SshTarget target, HostKeyCheck hostKey, String where) throws IOException {
        ConnectFuture connecting;
        try {
            connecting = client().connect(target.loginUser(), target.host(), target.port(),
                    AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, hostKey), null);
        } catch (UnresolvedAddressException e) {
            throw new ServerAccessException(Reason.UNREACHABLE, where + ": the host name does not resolve");
        }
        if (!connecting.await(target.timeout().toMillis())) {
            connecting.cancel();
            throw timedOut(target, where, "to connect");
        }
        if (connecting.getException() != null) {
            throw unreachable(connecting.getException(), where);
        }
        ClientSession session = connecting.getClientSession();
        // Bounds every later step: a session silent this long is closed, which ends any wait on it.
        CoreModuleProperties.IDLE_TIMEOUT.set(session, target.timeout());
        return session;
    }

    private static void logIn(ClientSession session, SshTarget target, LoginCredential credential,
                              HostKeyCheck hostKey, String where) throws IOException {
        if (credential instanceof LoginCredential.Password password) {
            session.addPasswordIdentity(password.password().reveal());
        } else if (credential instanceof LoginCredential.PrivateKey key) {
            for (KeyPair pair : privateKey(session, key)) {
                session.addPublicKeyIdentity(pair);
            }
        }
        AuthFuture auth = session.auth();
        if (!auth.await(target.timeout().toMillis())) {
            throw timedOut(target, where, "to log in");
        }
        if (hostKey.mismatched()) {
            throw new ServerAccessException(Reason.HOST_KEY_MISMATCH, where + " showed host key " + hostKey.shown()
                    + ", not the " + target.expectedHostKey() + " expected of it; nothing was changed");
        }
        if (!auth.isSuccess()) {
            if (hostKey.shown() == null) {
                throw new ServerAccessException(Reason.UNREACHABLE, where + " closed the connection before the login");
            }
            String with = credential instanceof LoginCredential.Password ? "the password" : "the private key";
            throw new ServerAccessException(Reason.LOGIN_REFUSED,
                    where + " refused the login of '" + target.loginUser() + "' with " + with + " given");
        }
    }

    private static Iterable<KeyPair> privateKey(ClientSession session, LoginCredential.PrivateKey key) {
        byte[] pem = key.pem().reveal().getBytes(StandardCharsets.UTF_8);
        try (InputStream in = new ByteArrayInputStream(pem)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(session,
                    NamedResource.ofName("server.auth.key"), in, FilePasswordProvider.EMPTY);
            if (pairs != null && pairs.iterator().hasNext()) {
                return pairs;
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // Said below, without the key or the parser's words about it.
        }
        throw new ServerAccessException(Reason.LOGIN_REFUSED,
                "server.auth.key is not an unencrypted private key in PEM that can log in");
    }

    private static void editOverSftp(ClientSession session, UnaryOperator<String> edit, SshTarget target,
                                     String where) throws IOException {
        SftpClient sftp;
        try {
            sftp = SftpClientFactory.instance().createSftpClient(session);
        } catch (IOException e) {
            if (!session.isOpen()) {
                throw e;
            }
            throw new ServerAccessException(Reason.FILE_ERROR, where + " offers no SFTP subsystem, "
                    + "which KPS needs to edit ~/.ssh/authorized_keys");
        }
        try (sftp) {
            ensureDirectory(sftp);
            String before = read(sftp);
            String after = edit.apply(before == null ? "" : before);
            if (!after.equals(before)) {
                write(sftp, after);
            }
        } catch (SftpException e) {
            throw new ServerAccessException(Reason.FILE_ERROR, "could not update ~/.ssh/authorized_keys of '"
                    + target.loginUser() + "' on " + where + ": " + SftpConstants.getStatusName(e.getStatus()));
        }
    }

    private static void ensureDirectory(SftpClient sftp) throws IOException {
        try {
            sftp.stat(SSH_DIR);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
            sftp.mkdir(SSH_DIR);
            sftp.setStat(SSH_DIR, new SftpClient.Attributes().perms(0700));
        }
    }

    /** The file's text, or null when there is none. */
    private static String read(SftpClient sftp) throws IOException {
        try (InputStream in = sftp.read(AUTHORIZED_KEYS)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return null;
            }
            throw e;
        }
    }

    /** Written beside, owner-only from the start, then renamed over the old file. */
    private static void write(SftpClient sftp, String text) throws IOException {
        String temporary = AUTHORIZED_KEYS + ".kps-" + UUID.randomUUID();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (SftpClient.CloseableHandle handle = sftp.open(temporary, OpenMode.Write, OpenMode.Create, OpenMode.Exclusive)) {
            sftp.setStat(handle, new SftpClient.Attributes().perms(0600));
            sftp.write(handle, 0, bytes);
        }
        OpenSSHPosixRenameExtension rename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (rename.isSupported()) {
            rename.posixRename(temporary, AUTHORIZED_KEYS);
            return;
        }
        // SFTP v3 cannot rename over a file: remove it first (a short moment with no file).
        try {
            sftp.remove(AUTHORIZED_KEYS);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
        }
        sftp.rename(temporary, AUTHORIZED_KEYS);
    }

    private static boolean verifyHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
        AttributeRepository context = session.getConnectionContext();
        HostKeyCheck check = context == null ? null : context.getAttribute(HOST_KEY_CHECK);
        return check != null && check.accept(key);
    }

    private static ServerAccessException broken(IOException e, SshTarget target, String where) {
        if (e instanceof InterruptedIOException) {
            return timedOut(target, where, "to answer");
        }
        return new ServerAccessException(Reason.UNREACHABLE, where + ": the connection broke off");
    }

    private static ServerAccessException unreachable(Throwable cause, String where) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof ConnectException ? "the connection was refused"
                : root instanceof NoRouteToHostException ? "there is no route to the host"
                : root instanceof UnknownHostException || root instanceof UnresolvedAddressException
                        ? "the host name does not resolve"
                        : "it could not be reached";
        return new ServerAccessException(Reason.UNREACHABLE, where + ": " + why);
    }

    private static ServerAccessException timedOut(SshTarget target, String where, String what) {
        return new ServerAccessException(Reason.TIMEOUT,
                where + " took longer than " + seconds(target.timeout()) + " " + what);
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    @Override
    public void destroy() throws IOException {
        SshClient started;
        synchronized (starting) {
            started = client;
        }
        if (started == null) {
            return;
        }
        started.stop();
        started.close();
    }
}
