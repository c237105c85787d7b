package dev.mw.master.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a worker's answer larger than {@code mw.max-answer-size}: by its Content-Length before
 * the body is read, and by counting bytes while it is parsed when it comes chunked. A worker that
 * misbehaves gets a failed call (and a retry elsewhere), not the master's heap.
 */
final class AnswerSizeLimit implements ClientResponseFilter, ReaderInterceptor {

    private final long maxBytes;

    AnswerSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getLength() > maxBytes) {
            throw new AnswerTooLargeException(response.getLength(), maxBytes);
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Bounded(context.getInputStream(), maxBytes));
        return context.proceed();
    }

    /** A worker answered more than the master accepts. */
    static final class AnswerTooLargeException extends IOException {
        AnswerTooLargeException(long size, long max) {
            super("answer of " + (size < 0 ? "more than " + max : size) + " bytes exceeds mw.max-answer-size (" + max + ")");
        }
    }

    private static final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new AnswerTooLargeException(-1, max);
            }
        }
    }
}
