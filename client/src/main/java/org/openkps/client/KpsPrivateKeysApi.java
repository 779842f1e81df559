package org.openkps.client;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openkps.client.api.PrivateKeysApi;
import org.openkps.client.invoker.ApiClient;
import org.openkps.client.invoker.ApiException;

/** The generated {@link PrivateKeysApi}, throwing {@link KpsException} for every non-2xx answer. */
final class KpsPrivateKeysApi extends PrivateKeysApi {

    KpsPrivateKeysApi(ApiClient apiClient) {
        super(apiClient);
    }

    @Override
    protected ApiException getApiException(String operationId, HttpResponse<InputStream> response) throws IOException {
        return KpsException.from(operationId, response);
    }

    /**
     * Writes the archive of {@code batchExportPrivateKeys} to a fresh temporary file. The generated
     * version names the file after the server's {@code Content-Disposition} without checking it, so
     * {@code filename="../x"} or an absolute path would be written outside the temporary directory.
     * {@link Files#createTempFile} also makes the file owner-only on POSIX: it holds private keys.
     */
    @Override
    public File downloadFileFromResponse(HttpResponse<InputStream> response, InputStream responseBody) throws ApiException {
        if (responseBody == null) {
            throw new ApiException(new IOException("Response body is empty"));
        }
        try {
            Path file = Files.createTempFile("kps-private-keys-", ".zip");
            file.toFile().deleteOnExit(); // best effort, as the generated code does
            Files.copy(responseBody, file, StandardCopyOption.REPLACE_EXISTING);
            return file.toFile();
        } catch (IOException e) {
            throw new ApiException(e);
        }
    }
}
