package org.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.kps.v3.KpsClient;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairAction;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairRequestBody;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairResp;
import com.huaweicloud.sdk.kps.v3.model.DeleteKeypairRequest;
import com.huaweicloud.sdk.kps.v3.model.ExportPrivateKeyRequest;
import com.huaweicloud.sdk.kps.v3.model.ExportPrivateKeyRequestBody;
import com.huaweicloud.sdk.kps.v3.model.KeypairBean;
import com.huaweicloud.sdk.kps.v3.model.KeypairDetail;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairDetailRequest;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairsRequest;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairsResponse;
import com.huaweicloud.sdk.kps.v3.model.UpdateKeypairDescriptionReq;
import com.huaweicloud.sdk.kps.v3.model.UpdateKeypairDescriptionRequest;
import com.huaweicloud.sdk.kps.v3.model.UpdateKeypairDescriptionRequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openkps.wiremock.OpenKpsWireMock;

/**
 * A consumer that calls KPS with the official Huawei Cloud SDK, unchanged but for its endpoint: every request
 * it signs and sends to the stubs is checked against the KPS contract, and must conform.
 */
class OfficialSdkConsumerIT {

    private static final String PROJECT = "0b7a2f3c9d4e45f6a1b2c3d4e5f60718";

    @RegisterExtension
    static OpenKpsWireMock kps = new OpenKpsWireMock();

    @Test
    void theOfficialSdkWorksAgainstTheStubs() {
        KpsClient sdk = KpsClient.newBuilder()
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(30))
                .withCredential(new BasicCredentials().withAk("ANYACCESSKEY00000000").withSk("any-secret").withProjectId(PROJECT))
                .withEndpoints(new ArrayList<>(List.of(kps.baseUrl())))
                .build();

        CreateKeypairResp created = sdk.createKeypair(new CreateKeypairRequest()
                .withBody(new CreateKeypairRequestBody().withKeypair(
                        new CreateKeypairAction().withName("demo")))).getKeypair();
        assertThat(created.getPrivateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        ListKeypairsResponse page = sdk.listKeypairs(new ListKeypairsRequest().withLimit("10"));
        assertThat(page.getKeypairs()).isNotEmpty();
        KeypairDetail detail = sdk.listKeypairDetail(new ListKeypairDetailRequest().withKeypairName("laptop")).getKeypair();
        assertThat(detail.getFrozenState()).isZero();
        sdk.updateKeypairDescription(new UpdateKeypairDescriptionRequest().withKeypairName("laptop")
                .withBody(new UpdateKeypairDescriptionRequestBody().withKeypair(new UpdateKeypairDescriptionReq().withDescription("mine"))));
        assertThat(sdk.exportPrivateKey(new ExportPrivateKeyRequest()
                .withBody(new ExportPrivateKeyRequestBody().withKeypair(new KeypairBean().withName("laptop"))))
                .getKeypair().getPrivateKey()).startsWith("-----BEGIN");
        assertThat(sdk.deleteKeypair(new DeleteKeypairRequest().withKeypairName("demo")).getHttpStatusCode()).isEqualTo(204);

        ServiceResponseException missing = catchThrowableOfType(ServiceResponseException.class,
                () -> sdk.listKeypairDetail(new ListKeypairDetailRequest().withKeypairName("nothing-here")));
        assertThat(missing.getHttpStatusCode()).isEqualTo(404);
        assertThat(missing.getErrorCode()).isEqualTo("KPS.4016");
    }
}
