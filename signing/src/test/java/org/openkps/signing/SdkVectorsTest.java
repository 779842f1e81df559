package org.openkps.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.signing.TestRequests.HOST;
import static org.openkps.signing.TestRequests.SDK_DATE;
import static org.openkps.signing.TestRequests.request;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Test vectors from the official SDK's unit tests and Huawei's signing guide (api/REFERENCE.md, "AK/SK signing"). */
class SdkVectorsTest {

    private static final List<String> HOST_DATE = List.of("host", "x-sdk-date");
    private static final String VPCS_PATH = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs";
    private static final String VPCS_QUERY = "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0";

    @Test
    void sdkGetWithQuery() {
        SignableRequest req = request("GET", VPCS_PATH, VPCS_QUERY, null, "Host", HOST, "X-Sdk-Date", SDK_DATE);

        assertThat(SdkHmacSha256.canonicalRequest(req, HOST_DATE, SdkHmacSha256.payloadHash(req))).isEqualTo("""
                GET
                /v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/
                limit=2&marker=13551d6b-755d-4757-b956-536f674975c0
                host:service.region.example.com
                x-sdk-date:20191115T033655Z

                host;x-sdk-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(SdkHmacSha256.sign(req, HOST_DATE, "SecretKey"))
                .isEqualTo("fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d");
    }

    @Test
    void sdkPostWithBody() {
        SignableRequest req = request("POST", "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpc/123", null,
                "{\"key\":\"value\"}", "Host", HOST, "X-Sdk-Date", SDK_DATE);

        assertThat(SdkHmacSha256.payloadHash(req))
                .isEqualTo(SdkHmacSha256.sha256Hex("{\"key\":\"value\"}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(SdkHmacSha256.EMPTY_BODY_SHA256);
        assertThat(SdkHmacSha256.sign(req, HOST_DATE, "SecretKey"))
                .isEqualTo("b5649aa774f6cac7437631662f08815fc65c70e40e486df6db2436ce68902771");
    }

    @Test
    void sdkGetWithEmptyPath() {
        SignableRequest req = request("GET", "", null, null, "Host", "example.com", "X-Sdk-Date", SDK_DATE);

        assertThat(SdkHmacSha256.sign(req, HOST_DATE, "SecretKey"))
                .isEqualTo("919ad8b75d4ad49da0d377e63ee21c4a7a54b752f6bf2878b4adbe9c19927da6");
        // A null path is the same request.
        SignableRequest nullPath = request("GET", null, null, null, "Host", "example.com", "X-Sdk-Date", SDK_DATE);
        assertThat(SdkHmacSha256.sign(nullPath, HOST_DATE, "SecretKey"))
                .isEqualTo("919ad8b75d4ad49da0d377e63ee21c4a7a54b752f6bf2878b4adbe9c19927da6");
    }

    @Test
    void signingGuideGetWithContentTypeSigned() {
        SignableRequest req = request("GET", VPCS_PATH, VPCS_QUERY, null,
                "Content-Type", "application/json", "Host", HOST, "X-Sdk-Date", SDK_DATE);
        List<String> signed = List.of("content-type", "host", "x-sdk-date");

        String canonical = SdkHmacSha256.canonicalRequest(req, signed, SdkHmacSha256.payloadHash(req));
        assertThat(SdkHmacSha256.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
        assertThat(SdkHmacSha256.sign(req, signed, "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"))
                .isEqualTo("7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
    }

    @Test
    void stringToSignLayout() {
        assertThat(SdkHmacSha256.stringToSign(SDK_DATE, "abc"))
                .isEqualTo("SDK-HMAC-SHA256\n20191115T033655Z\nabc");
    }

    @Test
    void sdkVectorVerifiesFromItsAuthorizationHeader() {
        SignableRequest req = request("GET", VPCS_PATH, VPCS_QUERY, null, "Host", HOST, "X-Sdk-Date", SDK_DATE);
        Authorization auth = Authorization.parse("SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, "
                + "Signature=fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d");

        assertThat(SdkHmacSha256.verify(req, auth, "SecretKey")).isTrue();
        assertThat(SdkHmacSha256.verify(req, auth, "OtherKey")).isFalse();
    }
}
