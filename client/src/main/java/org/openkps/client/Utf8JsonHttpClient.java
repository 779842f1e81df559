package org.openkps.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The one {@link HttpClient} of a {@link KpsClient}, shared by its generated APIs, which makes the
 * generated code read every JSON body as UTF-8.
 *
 * <p>The generated code turns a successful body into text with {@code new String(bytes)}, that is
 * with the platform's default charset (ISO-8859-1, US-ASCII, windows-1252, ...), and so garbles
 * every non-ASCII character of a description or a key comment. JSON is UTF-8 (RFC 8259), so this
 * client decodes a 2xx JSON body as UTF-8 itself and hands the generated code the same JSON with
 * every non-ASCII character written as a {@code \\uXXXX} escape, encoded in the platform's
 * charset: pure ASCII text, which every charset decodes to the same characters and which Jackson
 * reads back to exactly the original strings. Other bodies (a zip archive, an error, which
 * {@link KpsException} decodes as UTF-8 itself) pass through untouched and still stream.
 */
final class Utf8JsonHttpClient extends HttpClient {

    private final HttpClient delegate;

    Utf8JsonHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(request, utf8Json(handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler) {
        return delegate.sendAsync(request, utf8Json(handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler,
                                                            PushPromiseHandler<T> pushPromiseHandler) {
        // KPS answers over HTTP/1.1 and pushes nothing; promised responses would bypass the re-encoding.
        if (pushPromiseHandler != null) {
            throw new UnsupportedOperationException("the KPS client does not accept server push");
        }
        return sendAsync(request, handler);
    }

    /** {@code handler}, except that a 2xx JSON body reaches it as platform-charset ASCII (see the class comment). */
    static <T> BodyHandler<T> utf8Json(BodyHandler<T> handler) {
        return info -> {
            Encoding encoding = reencodable(info);
            if (encoding == null) {
                return handler.apply(info);
            }
            return BodySubscribers.mapping(BodySubscribers.ofByteArray(),
                    bytes -> replay(handler.apply(info), encoding.apply(bytes)));
        };
    }

    /** How to rewrite this body, or {@code null} to leave it alone. */
    private static Encoding reencodable(ResponseInfo info) {
        if (info.statusCode() / 100 != 2 || !isJson(info.headers().firstValue("Content-Type").orElse(""))) {
            return null;
        }
        String contentEncoding = info.headers().firstValue("Content-Encoding").orElse("identity").trim();
        if (contentEncoding.isEmpty() || contentEncoding.equalsIgnoreCase("identity")) {
            return Utf8JsonHttpClient::asciiJson;
        }
        if (contentEncoding.equalsIgnoreCase("gzip")) {
            // The generated code unzips when it sees the header, so the rewritten body is zipped again.
            return bytes -> gzip(asciiJson(gunzip(bytes)));
        }
        return null; // an encoding the generated code cannot read anyway
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * The UTF-8 JSON {@code utf8}, with every non-ASCII character escaped, in the platform charset
     * that the generated code's {@code new String(byte[])} will decode it with.
     */
    static byte[] asciiJson(byte[] utf8) {
        return asciiJson(utf8, Charset.defaultCharset());
    }

    static byte[] asciiJson(byte[] utf8, Charset platform) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        StringBuilder ascii = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                ascii.append(c);
            } else {
                // Valid JSON has non-ASCII characters inside strings only, where an escape means the
                // same; a character outside the BMP becomes its surrogate pair, as JSON writes it.
                ascii.append(String.format("\\u%04x", (int) c));
            }
        }
        return ascii.toString().getBytes(platform);
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not unzip a gzip-encoded response body", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Feeds {@code bytes} to {@code subscriber} as the whole body, honouring its demand, and returns its body. */
    private static <T> T replay(BodySubscriber<T> subscriber, byte[] bytes) {
        AtomicBoolean delivered = new AtomicBoolean();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n > 0 && delivered.compareAndSet(false, true)) {
                    subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                delivered.set(true);
            }
        });
        // Completes at once for the generated code's InputStream handler, which the bytes already fill.
        return subscriber.getBody().toCompletableFuture().join();
    }

    @FunctionalInterface
    private interface Encoding {
        byte[] apply(byte[] bytes);
    }

    // Everything else is the delegate's.

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
