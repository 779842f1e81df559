package org.openkps.server.http.create;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.openkps.server.support.KpsHttp;

import tools.jackson.databind.JsonNode;

/** What every failure must look like: the flat KPS error body, JSON, with a request id. */
public final class KpsAnswers {

    public static final String REQUEST_ID = "^[0-9a-f]{32}$";

    private KpsAnswers() {
    }

    /** Asserts a KPS error answer of this status and code; returns its error_msg. */
    public static String assertError(KpsHttp.Result result, int status, String code) {
        assertThat(result.status()).as("status of %s", result.body()).isEqualTo(status);
        assertThat(result.header("Content-Type")).as("Content-Type").startsWith("application/json");
        assertThat(result.header("X-Request-Id")).as("X-Request-Id").matches(REQUEST_ID);
        JsonNode body = result.json();
        assertThat(List.copyOf(body.propertyNames())).as("members of the error body %s", result.body())
                .containsExactlyInAnyOrder("error_code", "error_msg");
        assertThat(body.path("error_code").asString()).as("error_code of %s", result.body()).isEqualTo(code);
        String message = body.path("error_msg").asString();
        assertThat(message).isNotBlank().doesNotContain("Exception").doesNotContain("org.openkps");
        return message;
    }

    /** Asserts 400 KPS.0002; returns the message. */
    public static String assertInvalid(KpsHttp.Result result) {
        return assertError(result, 400, "KPS.0002");
    }

    /** Asserts 200 and returns the {@code keypair} member of the answer. */
    public static JsonNode assertOk(KpsHttp.Result result) {
        assertThat(result.status()).as("status of %s", result.body()).isEqualTo(200);
        assertThat(result.header("X-Request-Id")).matches(REQUEST_ID);
        return result.json().path("keypair");
    }

    /** The message names none of the key data: no 16-character run of the base64 appears in it. */
    public static void assertDoesNotEcho(String message, String base64) {
        for (int i = 0; i + 16 <= base64.length(); i += 4) {
            assertThat(message).as("error message echoes the key data").doesNotContain(base64.substring(i, i + 16));
        }
    }
}
