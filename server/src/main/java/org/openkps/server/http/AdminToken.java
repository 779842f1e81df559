package org.openkps.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.openkps.server.KpsSettings;
import org.openkps.server.KpsSettings.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token of the admin API, {@code kps.admin.token}, or, when none is configured, the documented local
 * admin token, printed at start-up as the local credential is. It must differ from every KPS token, so
 * that the admin token never opens KPS.
 */
final class AdminToken {

    static final String HEADER = "X-Admin-Token";
    /** The documented local admin token (see README): public by design, never used once one is configured. */
    static final String LOCAL = "local-admin-token";

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] token;

    private AdminToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    static AdminToken of(KpsSettings settings) {
        String configured = settings.admin().token() == null ? null : settings.admin().token().strip();
        if (configured == null || configured.isEmpty()) {
            log.info("No kps.admin.token configured: the admin API under /_openkps takes X-Admin-Token: {}", LOCAL);
            return new AdminToken(LOCAL);
        }
        List<Credential> kps = settings.credentials().isEmpty() ? List.of(CredentialRegistry.LOCAL) : settings.credentials();
        for (Credential credential : kps) {
            if (configured.equals(credential.token()) || configured.equals(credential.secretKey())) {
                throw new IllegalStateException("kps.admin.token must differ from every kps.credentials token and secret key");
            }
        }
        return new AdminToken(configured);
    }

    /** Compared in constant time, so timing tells nothing about near misses. */
    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.strip().getBytes(StandardCharsets.UTF_8), token);
    }
}
