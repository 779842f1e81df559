package org.openkps.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.openkps.server.KpsSettings;
import org.openkps.server.KpsSettings.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials that may call: those configured under {@code kps.credentials}, or, when none
 * are, the one documented local credential so that the server works as it starts.
 */
class CredentialRegistry {

    private static final Logger log = LoggerFactory.getLogger(CredentialRegistry.class);
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    /** The documented local credential (see README): public by design, never used once credentials are configured. */
    static final Credential LOCAL = new Credential(
            "local-token",
            "LOCALACCESSKEY000000",
            "local-secret-key",
            "0b7a2f3c9d4e45f6a1b2c3d4e5f60718",
            "e4f380899b1248918f3d37098dc63746",
            "d0b1c2e3f4a5b6c7d8e9f0a1b2c3d4e5",
            true);

    private final List<Credential> credentials;

    CredentialRegistry(KpsSettings settings) {
        if (settings.credentials().isEmpty()) {
            this.credentials = List.of(LOCAL);
            log.info("No kps.credentials configured: using the local credential. X-Auth-Token: {}; "
                    + "AK/SK: {} / {}; project_id: {}; user_id: {}",
                    LOCAL.token(), LOCAL.accessKey(), LOCAL.secretKey(), LOCAL.projectId(), LOCAL.userId());
        } else {
            settings.credentials().forEach(CredentialRegistry::check);
            this.credentials = List.copyOf(settings.credentials());
            log.info("{} credential(s) configured", credentials.size());
        }
    }

    /** The documented local token, when the server runs with the local credential only: public by design. */
    Optional<String> localToken() {
        return credentials.equals(List.of(LOCAL)) ? Optional.of(LOCAL.token()) : Optional.empty();
    }

    Optional<Credential> byToken(String token) {
        return find(token, Credential::token);
    }

    Optional<Credential> byAccessKey(String accessKey) {
        return find(accessKey, Credential::accessKey);
    }

    // Compares against every credential in constant time, so timing tells nothing about near misses.
    private Optional<Credential> find(String presented, Function<Credential, String> secret) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        Credential match = null;
        for (Credential credential : credentials) {
            String known = secret.apply(credential);
            if (known != null && MessageDigest.isEqual(given, known.getBytes(StandardCharsets.UTF_8))) {
                match = credential;
            }
        }
        return Optional.ofNullable(match);
    }

    private static void check(Credential c) {
        boolean hasToken = c.token() != null && !c.token().isBlank();
        boolean hasKeys = c.accessKey() != null && !c.accessKey().isBlank()
                && c.secretKey() != null && !c.secretKey().isBlank();
        if (!hasToken && !hasKeys) {
            throw new IllegalStateException("each kps.credentials entry needs a token, or an access-key and a secret-key");
        }
        requireId("project-id", c.projectId());
        requireId("user-id", c.userId());
        if (c.domainId() != null) {
            requireId("domain-id", c.domainId());
        }
    }

    private static void requireId(String property, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalStateException("kps.credentials[].%s must match %s".formatted(property, ID.pattern()));
        }
    }
}
