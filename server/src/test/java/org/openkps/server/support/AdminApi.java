package org.openkps.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.openkps.server.support.KpsHttp.Result;

/**
 * The admin API under {@code /_openkps} as the tests call it over raw HTTP, with an admin token (the
 * test configuration's, or the local one of a server that has none configured).
 */
public final class AdminApi {

    /** {@code kps.admin.token} of application-test.yaml. */
    public static final String TEST_TOKEN = "test-admin-token";
    /** The admin token of a server with none configured (README). */
    public static final String LOCAL_TOKEN = "local-admin-token";

    private final KpsHttp http;
    private final String token;

    public AdminApi(KpsHttp http, String token) {
        this.http = http;
        this.token = token;
    }

    public Result health() {
        return http.send(http.request("/_openkps/health").GET());
    }

    public Result reset() {
        return send("POST", "/_openkps/reset", token, null);
    }

    public Result reset(String projectId) {
        return send("POST", "/_openkps/reset?project_id=" + projectId, token, null);
    }

    public Result faults() {
        return send("GET", "/_openkps/faults", token, null);
    }

    /** replaceFaults with {@code {"rules": [rules...]}}, each rule a JSON object; returns the answer as it is. */
    public Result putFaults(String... rules) {
        return send("PUT", "/_openkps/faults", token,
                Arrays.stream(rules).collect(Collectors.joining(", ", "{\"rules\": [", "]}")));
    }

    /** replaceFaults, asserting 200. */
    public void setFaults(String... rules) {
        Result result = putFaults(rules);
        assertThat(result.status()).as("replaceFaults: %s", result.body()).isEqualTo(200);
    }

    public Result clearFaults() {
        return send("DELETE", "/_openkps/faults", token, null);
    }

    /** Any admin request; a null token sends none, a null body sends no body. */
    public Result send(String method, String path, String adminToken, String json) {
        HttpRequest.Builder request = http.request(path);
        if (adminToken != null) {
            request.header("X-Admin-Token", adminToken);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request);
    }
}
