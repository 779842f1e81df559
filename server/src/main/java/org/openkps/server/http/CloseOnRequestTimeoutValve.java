package org.openkps.server.http;

import java.io.IOException;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * A request answered 408 ends its connection at once: Tomcat would otherwise read (and throw away) the rest of
 * the body before closing, which for a body that trickles in holds the request thread for as long as the client
 * likes. Installed on the context by {@link HttpConfiguration}.
 */
class CloseOnRequestTimeoutValve extends ValveBase {

    CloseOnRequestTimeoutValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (response.getStatus() == ErrorAnswer.REQUEST_TIMEOUT.status().value()) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
