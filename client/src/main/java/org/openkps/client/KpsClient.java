package org.openkps.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.openkps.client.api.AssociationsApi;
import org.openkps.client.api.KeypairsApi;
import org.openkps.client.api.PrivateKeysApi;
import org.openkps.client.api.TasksApi;
import org.openkps.client.invoker.ApiClient;

/**
 * Entry point of the KPS v3 client: one endpoint, one credential, the generated APIs.
 *
 * <pre>{@code
 * KpsClient kps = KpsClient.withToken(URI.create("http://127.0.0.1:8080"), token);
 * CreateKeypairResponse created = kps.keypairs().createKeypair(projectId, request);
 * }</pre>
 *
 * Every non-2xx answer is thrown as {@link KpsException} (a subclass of the generated
 * {@code ApiException} the methods declare). Immutable and thread-safe; build one and share it.
 */
public final class KpsClient {

    /** Defaults chosen so that a dead endpoint fails a call instead of hanging it. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final Credentials credentials;
    private final KeypairsApi keypairs;
    private final PrivateKeysApi privateKeys;
    private final AssociationsApi associations;
    private final TasksApi tasks;

    private KpsClient(Builder b) {
        this.endpoint = b.endpoint;
        this.credentials = b.credentials;
        // One HttpClient (one connection pool, one selector thread) for both APIs: the generated
        // ApiClient would build a new one for each API it is handed to. It also decodes every JSON
        // body as UTF-8 whatever the platform charset (see Utf8JsonHttpClient).
        HttpClient http = new Utf8JsonHttpClient(HttpClient.newBuilder().connectTimeout(b.connectTimeout).build());
        ApiClient apiClient = new ApiClient() {
            @Override
            public HttpClient getHttpClient() {
                return http;
            }
        };
        apiClient.updateBaseUri(endpoint.toString());
        apiClient.setConnectTimeout(b.connectTimeout);
        apiClient.setReadTimeout(b.readTimeout);
        apiClient.setRequestInterceptor(credentials::authenticate);
        // The generated APIs copy the ApiClient's settings when constructed, so configure it first.
        this.keypairs = new KpsKeypairsApi(apiClient);
        this.privateKeys = new KpsPrivateKeysApi(apiClient);
        this.associations = new KpsAssociationsApi(apiClient);
        this.tasks = new KpsTasksApi(apiClient);
    }

    /** A client that sends {@code token} as {@code X-Auth-Token}, with the default timeouts. */
    public static KpsClient withToken(URI endpoint, String token) {
        return builder().endpoint(endpoint).token(token).build();
    }

    /** A client that signs every request with AK/SK ({@code SDK-HMAC-SHA256}), with the default timeouts. */
    public static KpsClient withAccessKey(URI endpoint, String accessKey, String secretKey) {
        return builder().endpoint(endpoint).accessKey(accessKey, secretKey).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Create, import, list, show, describe and delete key pairs. */
    public KeypairsApi keypairs() {
        return keypairs;
    }

    /** Host, export and clear private keys. */
    public PrivateKeysApi privateKeys() {
        return privateKeys;
    }

    /** Bind key pairs to ECS servers and unbind them; each answers at once with a task. */
    public AssociationsApi associations() {
        return associations;
    }

    /** Follow association tasks; list and delete failed ones. */
    public TasksApi tasks() {
        return tasks;
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String toString() {
        // Names the credential kind, never its secret.
        return "KpsClient[endpoint=" + endpoint + ", credentials=" + credentials + "]";
    }

    /** Configures a {@link KpsClient}; {@link #endpoint} and one credential are required. */
    public static final class Builder {

        private URI endpoint;
        private Credentials credentials;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;

        private Builder() {
        }

        /**
         * Where KPS answers, such as {@code https://kps.cn-north-4.myhuaweicloud.com} or
         * {@code http://127.0.0.1:8080}. A path prefix (a gateway's) is kept; {@code /v3/...} is
         * appended to it.
         */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            // The messages do not quote the URI: its user info could hold a password.
            String scheme = endpoint.getScheme();
            boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            if (!http || endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be an absolute http(s) URI with a host");
            }
            if (endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
                throw new IllegalArgumentException("endpoint must not have user info, a query or a fragment");
            }
            // The generated code appends "/v3/..." to the endpoint as text: drop trailing slashes.
            String text = endpoint.toString().replaceAll("/+$", "");
            this.endpoint = URI.create(text);
            return this;
        }

        /**
         * Authenticate with a token sent as {@code X-Auth-Token}: an IAM user token, or one of the
         * openkps server's configured tokens. Replaces any credential set before.
         */
        public Builder token(String token) {
            this.credentials = new TokenCredentials(token);
            return this;
        }

        /**
         * Authenticate by signing every request with an access key / secret key pair
         * ({@code SDK-HMAC-SHA256}, as Huawei Cloud's SDKs do). Replaces any credential set before.
         */
        public Builder accessKey(String accessKey, String secretKey) {
            return accessKey(accessKey, secretKey, Clock.systemUTC());
        }

        /** As {@link #accessKey(String, String)}, with the clock that dates the signatures. */
        public Builder accessKey(String accessKey, String secretKey, Clock clock) {
            this.credentials = new AkSkCredentials(accessKey, secretKey, Objects.requireNonNull(clock, "clock"));
            return this;
        }

        /** How long to wait for a TCP (and TLS) connection; default {@link #DEFAULT_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for the answer of each call; default {@link #DEFAULT_READ_TIMEOUT}. */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        public KpsClient build() {
            if (endpoint == null) {
                throw new IllegalStateException("endpoint is required");
            }
            if (credentials == null) {
                throw new IllegalStateException("credentials are required: call token(...) or accessKey(...)");
            }
            return new KpsClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
