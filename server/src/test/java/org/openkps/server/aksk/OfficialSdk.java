package org.openkps.server.aksk;

import java.util.ArrayList;
import java.util.List;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.kps.v3.KpsClient;
import org.openkps.server.support.TestCallers.Caller;

/** The official SDK as its documentation builds it; only the endpoint and the credentials are ours. */
final class OfficialSdk {

    private OfficialSdk() {
    }

    static KpsClient against(int port, Caller caller) {
        return against("http://127.0.0.1:" + port, caller.accessKey(), caller.secretKey(), caller.projectId());
    }

    static KpsClient against(String endpoint, String accessKey, String secretKey, String projectId) {
        return KpsClient.newBuilder()
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(30))
                .withCredential(new BasicCredentials().withAk(accessKey).withSk(secretKey).withProjectId(projectId))
                .withEndpoints(new ArrayList<>(List.of(endpoint)))
                .build();
    }
}
