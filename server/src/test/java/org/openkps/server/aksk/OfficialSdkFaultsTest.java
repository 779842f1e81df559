package org.openkps.server.aksk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.openkps.server.support.KpsAnswers.REQUEST_ID;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.TestCallers.ALICE;


import com.huaweicloud.sdk.core.exception.ClientRequestException;
import com.huaweicloud.sdk.core.exception.ServerResponseException;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.core.retry.RetryContext;
import com.huaweicloud.sdk.core.retry.backoff.SdkBackoffStrategy;
import com.huaweicloud.sdk.kps.v3.KpsClient;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairsRequest;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openkps.server.support.AdminApi;
import org.openkps.server.support.KpsHttp;
import org.openkps.server.support.KpsServerTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Injected faults as the official Huawei Cloud SDK meets them: a 503 is its server-error exception,
 * a 429 the throttling its retries back off from, so that the retry code of an SDK user gets tested.
 */
@KpsServerTest
class OfficialSdkFaultsTest {

    @LocalServerPort
    int port;

    @AfterEach
    void clearFaults() {
        admin().clearFaults();
    }

    @Test
    void an503IsTheSdksServerResponseExceptionWithTheInjectedBody() {
        admin().setFaults("""
                {"operation": "listKeypairs", "status": 503, "error_code": "KPS.0003", "error_msg": "down for a while"}""");

        ServerResponseException e = catchThrowableOfType(ServerResponseException.class,
                () -> sdk().listKeypairs(new ListKeypairsRequest()));

        assertThat(e).as("the SDK's server-error exception").isNotNull();
        assertThat(e.getHttpStatusCode()).isEqualTo(503);
        assertThat(e.getErrorCode()).isEqualTo("KPS.0003");
        assertThat(e.getErrorMsg()).isEqualTo("down for a while");
        assertThat(e.getRequestId()).matches(REQUEST_ID);
    }

    @Test
    void a429IsThrottlingToTheSdksBackoff() {
        admin().setFaults("""
                {"operation": "listKeypairs", "status": 429, "error_code": "KPS.0003", "error_msg": "slow down"}""");

        ClientRequestException e = catchThrowableOfType(ClientRequestException.class,
                () -> sdk().listKeypairs(new ListKeypairsRequest()));

        assertThat(e.getHttpStatusCode()).isEqualTo(429);
        assertThat(e.getErrorCode()).isEqualTo("KPS.0003");
        // The SDK's default backoff waits at least 300 ms after a throttled call, 60 ms after any other.
        long afterThrottling = SdkBackoffStrategy.getDefaultBackoffStrategy().computeDelayBeforeNextRetry(
                RetryContext.builder().withLastException(e).withStatusCode(e.getHttpStatusCode()).withRetriesAttempted(1).build());
        assertThat(afterThrottling).isGreaterThanOrEqualTo(SdkBackoffStrategy.MIN_THROTTLE_DELAY);
    }

    @Test
    void theSdkRetriesThrottledCallsUntilTheRuleRunsOut() {
        admin().setFaults("""
                {"operation": "listKeypairs", "status": 429, "error_code": "KPS.0003", "error_msg": "slow down", "times": 2}""");

        long started = System.nanoTime();
        ListKeypairsResponse listed = sdk().listKeypairsInvoker(new ListKeypairsRequest().withLimit("1"))
                .retryTimes(3)
                .retryCondition((response, error) -> error instanceof ServiceResponseException s
                        && s.getHttpStatusCode() == 429)
                .invoke();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(listed.getHttpStatusCode()).isEqualTo(200);
        assertThat(ok(admin().faults()).path("rules").get(0).path("applied").asLong()).isEqualTo(2);
        assertThat(tookMillis).as("two throttled waits").isGreaterThanOrEqualTo(2L * SdkBackoffStrategy.MIN_THROTTLE_DELAY);
    }

    private AdminApi admin() {
        return new AdminApi(new KpsHttp(port), AdminApi.TEST_TOKEN);
    }

    private KpsClient sdk() {
        return OfficialSdk.against(port, ALICE);
    }
}
