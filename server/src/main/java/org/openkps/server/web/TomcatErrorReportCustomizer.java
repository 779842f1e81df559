package org.openkps.server.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/** Makes {@link KpsErrorReportValve} the host's error report valve, the one that runs closest to the request. */
@Component
class TomcatErrorReportCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // The host adds its error report valve when it starts, after every other valve.
                host.setErrorReportValveClass(KpsErrorReportValve.class.getName());
            }
        });
    }
}
