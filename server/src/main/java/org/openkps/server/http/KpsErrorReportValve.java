package org.openkps.server.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report for what it refuses before any filter or servlet sees it (a path with an encoded
 * slash or a broken escape, headers over the size limit): the KPS error body with a request id instead of
 * Tomcat's HTML page. Installed as the host's error report valve by {@link HttpConfiguration}.
 */
public class KpsErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String id = RequestIds.of(request);
        if (id.isEmpty()) {
            id = RequestIds.newId();
        }
        try {
            response.setHeader(RequestIds.HEADER, id);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(KpsErrorController.bodyFor(status, id)));
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already committed: nothing more can be said.
        }
    }
}
