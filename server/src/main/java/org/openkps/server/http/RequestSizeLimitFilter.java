package org.openkps.server.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over {@code kps.max-body-bytes} with 413: at once when Content-Length says so,
 * and while reading when a chunked body grows past the limit. And bodies that take longer than
 * {@code kps.read-timeout} to arrive with 408: a read that waits that long (Tomcat's socket timeout, set to
 * the same value) or a body still arriving, however slowly, when that time has passed since its first read;
 * so a slow or stalled client holds a request thread for about the timeout, not for as long as it likes.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final Duration readTimeout;
    private final ErrorResponseWriter errors;

    RequestSizeLimitFilter(long limit, Duration readTimeout, ErrorResponseWriter errors) {
        this.limit = limit;
        this.readTimeout = readTimeout;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            errors.write(response, ErrorAnswer.PAYLOAD_TOO_LARGE, tooLargeMessage(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit, readTimeout), response);
    }

    private static String tooLargeMessage(long limit) {
        return "the request body is larger than " + limit + " bytes";
    }

    /** Thrown while reading a body that turns out larger than the limit. */
    static final class PayloadTooLargeException extends IOException {
        PayloadTooLargeException(long limit) {
            super(tooLargeMessage(limit));
        }
    }

    /** Thrown while reading a body that has not arrived within the read timeout. */
    static final class RequestTimeoutException extends IOException {
        RequestTimeoutException(Duration timeout) {
            super("the request body did not arrive within " + timeout.toMillis() / 1000.0 + " s");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private final Duration readTimeout;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit, Duration readTimeout) {
            super(request);
            this.limit = limit;
            this.readTimeout = readTimeout;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit, readTimeout);
            }
            return stream;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private final Duration readTimeout;
        private long count;
        private long deadline;

        LimitedInputStream(ServletInputStream in, long limit, Duration readTimeout) {
            this.in = in;
            this.limit = limit;
            this.readTimeout = readTimeout;
        }

        @Override
        public int read() throws IOException {
            started();
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                throw timedOut(e);
            }
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            started();
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException e) {
                throw timedOut(e);
            }
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void started() throws RequestTimeoutException {
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + readTimeout.toNanos();
            } else if (now - deadline > 0 && !in.isFinished()) {
                throw new RequestTimeoutException(readTimeout);
            }
        }

        // Tomcat's socket timeout surfaces as a SocketTimeoutException, wrapped or not.
        private IOException timedOut(IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SocketTimeoutException) {
                    return new RequestTimeoutException(readTimeout);
                }
            }
            return e;
        }

        private void counted(int n) throws PayloadTooLargeException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
