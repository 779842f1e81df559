package org.openkps.server.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An ECS server for the tests: Apache MINA SSHD on 127.0.0.1, one login user with a password, public-key
 * login against the {@code ~/.ssh/authorized_keys} of a temporary home (read at each login, so a login
 * proves what that file holds), and SFTP confined to that home. No shell.
 */
public final class TestSshServer implements AutoCloseable {

    public static final String USER = "root";

    private final Path home;
    private final String password;
    private final SshServer sshd;
    private final AtomicInteger logins = new AtomicInteger();
    private volatile KeyPair hostKey;

    private TestSshServer(Path home, String password) throws IOException {
        this.home = home;
        this.password = password;
        this.hostKey = rsa();
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(session -> List.of(hostKey));
        sshd.setPasswordAuthenticator((user, given, session) -> counted(USER.equals(user) && password.equals(given)));
        sshd.setPublickeyAuthenticator((user, key, session) -> counted(USER.equals(user) && authorizes(key)));
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(home));
        sshd.start();
    }

    /** Starts one over {@code home} (created if needed) for user {@value #USER} with {@code password}. */
    public static TestSshServer start(Path home, String password) {
        try {
            Files.createDirectories(home);
            return new TestSshServer(home, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return sshd.getPort();
    }

    public String password() {
        return password;
    }

    public Path home() {
        return home;
    }

    public Path authorizedKeys() {
        return home.resolve(".ssh").resolve("authorized_keys");
    }

    /** The fingerprint of its host key as ssh-keygen -l prints it ({@code SHA256:...}). */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** A new host key, as after a reinstall, or a man in the middle. */
    public void replaceHostKey() {
        hostKey = rsa();
    }

    /** What {@code ~/.ssh/authorized_keys} holds now ("" when there is no such file). */
    public String authorizedKeysText() {
        try {
            return Files.exists(authorizedKeys()) ? Files.readString(authorizedKeys()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeAuthorizedKeys(String text) {
        try {
            Files.createDirectories(authorizedKeys().getParent());
            Files.writeString(authorizedKeys(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many logins it accepted. */
    public int acceptedLogins() {
        return logins.get();
    }

    /** Whether an SSH client logs in as {@value #USER} with this private key (PEM, any format KPS hands out). */
    public boolean acceptsLogin(String privateKeyPem) {
        SshClient client = client();
        try (ClientSession session = client.connect(USER, "127.0.0.1", port()).verify(Duration.ofSeconds(10)).getSession()) {
            for (KeyPair pair : SecurityUtils.loadKeyPairIdentities(session, NamedResource.ofName("test-key"),
                    new ByteArrayInputStream(privateKeyPem.getBytes(StandardCharsets.UTF_8)), FilePasswordProvider.EMPTY)) {
                session.addPublicKeyIdentity(pair);
            }
            return session.auth().await(Duration.ofSeconds(10)) && session.isAuthenticated();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not try the login", e);
        } finally {
            client.stop();
        }
    }

    private static SshClient client() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        return client;
    }

    private boolean authorizes(PublicKey key) {
        return authorizedKeysText().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    try {
                        return AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                    } catch (IOException | GeneralSecurityException | RuntimeException e) {
                        return null;
                    }
                })
                .filter(Objects::nonNull)
                .anyMatch(allowed -> KeyUtils.compareKeys(allowed, key));
    }

    private boolean counted(boolean accepted) {
        if (accepted) {
            logins.incrementAndGet();
        }
        return accepted;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
