package org.openkps.client;

import java.net.http.HttpRequest;

/**
 * Proves who the caller is, once per request. Internal on purpose: the credential kinds are chosen
 * through {@link KpsClient.Builder}, so that adding one (AK/SK signing) changes no public type.
 *
 * <p>{@link #authenticate} runs as the generated code's request interceptor, after the method,
 * URI, headers and body are set. A signing kind can therefore read the finished request from
 * {@code request.copy().build()} (body through its {@code bodyPublisher()}) and add
 * {@code X-Sdk-Date} and {@code Authorization}.
 *
 * <p>Implementations must keep secrets out of {@code toString()}.
 */
interface Credentials {

    void authenticate(HttpRequest.Builder request);
}
