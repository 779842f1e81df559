package org.openkps.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.openkps.client.KpsException;

import tools.jackson.databind.JsonNode;

/**
 * What answers must look like: a 200 with a request id, and every failure the flat KPS error body,
 * JSON, with a request id, whether read raw ({@link KpsHttp.Result}) or through the generated client
 * ({@link KpsException}).
 */
public final class KpsAnswers {

    public static final String REQUEST_ID = "^[0-9a-f]{32}$";

    private KpsAnswers() {
    }

    /** Asserts 200 with a request id; returns the JSON body. */
    public static JsonNode ok(KpsHttp.Result result) {
        assertThat(result.status()).as("status of %s", result.body()).isEqualTo(200);
        assertThat(result.header("X-Request-Id")).as("X-Request-Id").matches(REQUEST_ID);
        return result.json();
    }

    /** Asserts 200 with a request id; returns the {@code keypair} member of the answer. */
    public static JsonNode okKeypair(KpsHttp.Result result) {
        return ok(result).path("keypair");
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

    /** Asserts 404 KPS.4016 naming the key pair; returns the message. */
    public static String assertNotFound(KpsHttp.Result result, String name) {
        String message = assertError(result, 404, "KPS.4016");
        assertThat(message).contains(name);
        return message;
    }

    /** Asserts a call of the generated client fails with a KPS error of that status and code; returns it. */
    public static KpsException assertKpsException(ThrowingCallable call, int status, String errorCode) {
        KpsException e = catchThrowableOfType(KpsException.class, call);
        assertThat(e).as("a KpsException").isNotNull();
        assertThat(e.getStatus()).as(e.getMessage()).isEqualTo(status);
        assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(errorCode);
        assertThat(e.getErrorMsg()).isNotBlank();
        assertThat(e.getRequestId()).matches(REQUEST_ID);
        assertThat(e.getMessage()).contains(errorCode, e.getErrorMsg(), e.getRequestId());
        return e;
    }

    /** The message names none of the key data: no 16-character run of the base64 appears in it. */
    public static void assertDoesNotEcho(String message, String base64) {
        for (int i = 0; i + 16 <= base64.length(); i += 4) {
            assertThat(message).as("error message echoes the key data").doesNotContain(base64.substring(i, i + 16));
        }
    }
}
