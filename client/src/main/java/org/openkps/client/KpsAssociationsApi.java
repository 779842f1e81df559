package org.openkps.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import org.openkps.client.api.AssociationsApi;
import org.openkps.client.invoker.ApiClient;
import org.openkps.client.invoker.ApiException;

/** The generated {@link AssociationsApi}, throwing {@link KpsException} for every non-2xx answer. */
final class KpsAssociationsApi extends AssociationsApi {

    KpsAssociationsApi(ApiClient apiClient) {
        super(apiClient);
    }

    @Override
    protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
        return KpsException.from(operationId, response);
    }
}
