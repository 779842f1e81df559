package org.openkps.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import org.openkps.client.api.TasksApi;
import org.openkps.client.invoker.ApiClient;
import org.openkps.client.invoker.ApiException;

/** The generated {@link TasksApi}, throwing {@link KpsException} for every non-2xx answer. */
final class KpsTasksApi extends TasksApi {

    KpsTasksApi(ApiClient apiClient) {
        super(apiClient);
    }

    @Override
    protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
        return KpsException.from(operationId, response);
    }
}
