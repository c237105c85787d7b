package dev.mw.master.client;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One worker instance's {@code GET /api/records} and {@code POST /api/records/batch} over a pooled
 * Vert.x HTTP client. Reads the body
 * with a cap ({@code mw.max-answer-size}: by Content-Length before reading, by counting while
 * reading when chunked), so a misbehaving worker costs a failed call, not the master's heap. A
 * call cancelled before its answer (deadline, lost hedge) resets its request, which closes the
 * connection instead of leaving it waiting on a hung worker. Every failure is a
 * {@link WorkerCallException} with its {@link CallOutcome}, classified here where the status or the
 * broken connection is seen.
 */
final class HttpWorkerClient implements WorkerApi {

    static final String BATCH_PATH = "/api/records/batch";

    private final HttpClient http;
    private final String pathPrefix;
    private final WorkerAnswerReader answerReader;
    private final BatchWriter batchWriter;
    private final long maxBytes;

    HttpWorkerClient(HttpClient http, String pathPrefix, WorkerAnswerReader answerReader, BatchWriter batchWriter,
                     long maxBytes) {
        this.http = http;
        this.pathPrefix = pathPrefix;
        this.answerReader = answerReader;
        this.batchWriter = batchWriter;
        this.maxBytes = maxBytes;
    }

    @Override
    public Uni<WorkerAnswer> records(String requestId, String name, String location, Integer year) {
        RequestOptions options = options(HttpMethod.GET, uri(name, location, year), requestId);
        return Uni.createFrom().emitter(emitter -> new Call<>(emitter, answerReader::read).send(options, null));
    }

    @Override
    public Uni<BatchReply> batch(List<WorkerQuery> queries) {
        RequestOptions options = options(HttpMethod.POST, pathPrefix + BATCH_PATH, queries.get(0).requestId());
        options.addHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        Buffer body = Buffer.buffer(batchWriter.write(queries));
        return Uni.createFrom().emitter(emitter -> new Call<>(emitter, answerReader::readBatch).send(options, body));
    }

    private static RequestOptions options(HttpMethod method, String uri, String requestId) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri)
                .setFollowRedirects(false); // a worker that redirects is misbehaving, not telling us where to go
        options.addHeader(HttpHeaders.ACCEPT, "application/json");
        if (requestId != null) {
            options.addHeader("X-Request-Id", requestId);
        }
        return options;
    }

    /** How a call's 200 body becomes its item. */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(byte[] body) throws IOException;
    }

    /** One call: its emitter, its request once opened, and whether it ended or was cancelled. */
    private final class Call<T> {

        private final UniEmitter<? super T> emitter;
        private final BodyReader<T> bodyReader;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile HttpClientRequest request;

        Call(UniEmitter<? super T> emitter, BodyReader<T> bodyReader) {
            this.emitter = emitter;
            this.bodyReader = bodyReader;
            // termination without our own ending is a cancellation: give the connection up
            emitter.onTermination(() -> {
                if (ended.compareAndSet(false, true) && request != null) {
                    request.reset();
                }
            });
        }

        /** @param body null for a request without one */
        void send(RequestOptions options, Buffer body) {
            http.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    fail(WorkerCallException.unreachable(opened.cause()));
                    return;
                }
                request = opened.result();
                // without a handler of its own, the request logs every reset at ERROR: once for
                // each call the master gave up (a lost hedge), thousands a minute under load. A
                // real failure still reaches the call through send()'s future or the response.
                request.exceptionHandler(failure -> fail(WorkerCallException.unreachable(failure)));
                if (ended.get()) {
                    request.reset(); // cancelled while the connection was being opened
                    return;
                }
                (body == null ? request.send() : request.send(body)).onComplete(response -> {
                    if (response.failed()) {
                        fail(WorkerCallException.unreachable(response.cause()));
                    } else {
                        read(response.result());
                    }
                });
            });
        }

        private void read(HttpClientResponse response) {
            long length = parseLength(response.getHeader(HttpHeaders.CONTENT_LENGTH));
            if (length > maxBytes) {
                fail(WorkerCallException.tooLarge(length, maxBytes));
                request.reset();
                return;
            }
            Buffer body = Buffer.buffer(length < 0 ? 1024 : (int) length);
            response.exceptionHandler(broken -> fail(WorkerCallException.unreachable(broken)));
            response.handler(chunk -> {
                if (body.length() + chunk.length() > maxBytes) {
                    response.handler(null);
                    fail(WorkerCallException.tooLarge(-1, maxBytes));
                    request.reset();
                } else {
                    body.appendBuffer(chunk);
                }
            });
            response.endHandler(end -> {
                int status = response.statusCode();
                if (status != 200) {
                    // a refusal's reason is for the user; a failure's body says nothing to them
                    String detail = CallOutcome.ofStatus(status) == CallOutcome.CLIENT_ERROR
                            ? answerReader.problemDetail(body.getBytes()) : null;
                    fail(WorkerCallException.status(status, detail));
                    return;
                }
                T answer;
                try {
                    answer = bodyReader.read(body.getBytes());
                } catch (IOException | RuntimeException e) {
                    fail(WorkerCallException.unreadable(e));
                    return;
                }
                if (ended.compareAndSet(false, true)) {
                    emitter.complete(answer);
                }
            });
        }

        /** Every failure leaves the client classified: the outcome is decided here, once. */
        private void fail(WorkerCallException failure) {
            if (ended.compareAndSet(false, true)) {
                emitter.fail(failure);
            }
        }
    }

    private String uri(String name, String location, Integer year) {
        StringBuilder uri = new StringBuilder(pathPrefix).append("/api/records");
        char separator = '?';
        if (name != null) {
            uri.append(separator).append("name=").append(encode(name));
            separator = '&';
        }
        if (location != null) {
            uri.append(separator).append("location=").append(encode(location));
            separator = '&';
        }
        if (year != null) {
            uri.append(separator).append("year=").append(year);
        }
        return uri.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The Content-Length, or -1 when absent or not a number (then the count while reading decides). */
    private static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
