package com.example.deploykeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.exception.ServerResponseException;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairAction;
import com.huaweicloud.sdk.kps.v3.model.CreateKeypairRequestBody;
import com.huaweicloud.sdk.kps.v3.model.ListKeypairsRequest;
import org.junit.jupiter.api.Test;
import org.openkps.client.KpsException;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.testkit.FaultRule;
import org.openkps.testkit.OpenKps;
import org.openkps.testkit.OpenKpsTest;

/** Plain JUnit tests with the test kit, as the README shows them: our client, the official SDK, reset, faults. */
@OpenKpsTest(reset = OpenKpsTest.Reset.BEFORE_EACH_TEST)
class KeypairsTest {

    @Test
    void ourClientCreatesAndListsKeypairs(OpenKps kps) throws Exception {
        kps.client().keypairs().createKeypair(kps.projectId(),
                new CreateKeypairRequest().keypair(new org.openkps.client.model.CreateKeypairAction().name("ci-key")));

        assertThat(kps.client().keypairs().listKeypairs(kps.projectId(), null, null).getKeypairs())
                .singleElement().satisfies(entry -> assertThat(entry.getKeypair().getName()).isEqualTo("ci-key"));
    }

    @Test
    void resetEmptiesTheServer(OpenKps kps) throws Exception {
        kps.client().keypairs().createKeypair(kps.projectId(),
                new CreateKeypairRequest().keypair(new org.openkps.client.model.CreateKeypairAction().name("gone-soon")));

        kps.reset();

        assertThat(kps.client().keypairs().listKeypairs(kps.projectId(), null, null).getKeypairs()).isEmpty();
    }

    @Test
    void aFaultIsWhatTheClientMeets(OpenKps kps) {
        kps.faults().set(FaultRule.on("listKeypairs").fail(503, "KPS.0003", "unavailable for a while"));

        KpsException e = catchThrowableOfType(KpsException.class,
                () -> kps.client().keypairs().listKeypairs(kps.projectId(), null, null));

        assertThat(e.getStatus()).isEqualTo(503);
        assertThat(e.getErrorCode()).isEqualTo("KPS.0003");
    }

    @Test
    void theOfficialSdkWithTheEndpointAndKeysOfOpenKps(OpenKps kps) {
        com.huaweicloud.sdk.kps.v3.KpsClient sdk = com.huaweicloud.sdk.kps.v3.KpsClient.newBuilder()
                .withCredential(new BasicCredentials()
                        .withAk(kps.accessKey())
                        .withSk(kps.secretKey())
                        .withProjectId(kps.projectId()))
                .withEndpoints(List.of(kps.endpoint().toString()))
                .build();

        sdk.createKeypair(new com.huaweicloud.sdk.kps.v3.model.CreateKeypairRequest()
                .withBody(new CreateKeypairRequestBody().withKeypair(new CreateKeypairAction().withName("sdk-key"))));
        assertThat(sdk.listKeypairs(new ListKeypairsRequest()).getKeypairs()).hasSize(1);

        kps.faults().set(FaultRule.on("listKeypairs").fail(503, "KPS.0003", "unavailable for a while"));
        ServerResponseException e = catchThrowableOfType(ServerResponseException.class,
                () -> sdk.listKeypairs(new ListKeypairsRequest()));
        assertThat(e.getHttpStatusCode()).isEqualTo(503);
    }
}
