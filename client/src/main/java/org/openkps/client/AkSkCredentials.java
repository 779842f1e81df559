package org.openkps.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

import org.openkps.signing.Signer;

/**
 * An access key / secret key pair: each request is signed with {@code SDK-HMAC-SHA256}, the way
 * Huawei Cloud's SDKs sign, over its method, URI, headers and body.
 */
final class AkSkCredentials implements Credentials {

    private final String accessKey;
    private final Signer signer;

    AkSkCredentials(String accessKey, String secretKey, Clock clock) {
        if (accessKey == null || accessKey.isBlank()) {
            throw new IllegalArgumentException("access key is required");
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("secret key is required");
        }
        this.accessKey = accessKey;
        this.signer = new Signer(accessKey, secretKey, clock);
    }

    @Override
    public void authenticate(HttpRequest.Builder builder) {
        HttpRequest request = builder.copy().build();
        byte[] body = request.bodyPublisher().map(AkSkCredentials::bytesOf).orElse(new byte[0]);
        Map<String, String> signature = signer.sign(request.method(), request.uri(), headersOf(request.headers()), body);
        signature.forEach(builder::setHeader);
    }

    private static Map<String, List<String>> headersOf(HttpHeaders headers) {
        return new LinkedHashMap<>(headers.map());
    }

    // The generated code publishes byte arrays, which can be read again: reading here sends nothing.
    private static byte[] bytesOf(HttpRequest.BodyPublisher publisher) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                result.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                result.complete(bytes.toByteArray());
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the request body to sign it", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the request body to sign it", e.getCause());
        }
    }

    @Override
    public String toString() {
        return "aksk(" + accessKey + ")";
    }
}
