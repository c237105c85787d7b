package dev.mw.master.readiness;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.time.Ticker;
import dev.mw.master.trace.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The warm-up ({@code mw.warmup}): for its duration, client queries sent to the master's own HTTP
 * listener on loopback, so that they take the whole path a client's query takes (the Vert.x
 * route, the parser, the group caller, a real worker call, the JSON answer) and the JIT has
 * compiled it before the first client arrives. {@code mw.warmup.concurrency} queries in flight,
 * each followed by the next when it is answered: first one scatter query by year, whose records
 * give the names ({@link WarmUpNames}), and name queries, by the groups' letters until the
 * scatter has answered, then by those names. Every query carries {@code X-Request-Id: warmup-<n>}.
 *
 * <p>Ends when its duration is over, whatever the workers do: the queries still out are given up
 * (their connections closed), and failures are only counted
 * ({@code mw.master.warmup.queries{outcome}}) and summed up in one log line. Runs on Vert.x event
 * loops and timers; never blocks.
 */
@ApplicationScoped
@Startup // built at start, so that a bad mw.warmup stops the master then, not at its first probe
public class LoopbackWarmUp implements WarmUp {

    static final String PATH = "/api/records";
    /** Both groups of the seed data have records of it, and so does every year of the bench data (1900-2025). */
    static final int SCATTER_YEAR = 2002;
    /** A failure can come back in microseconds (a refused connection, an open breaker): without a pause a lane would spin. */
    static final long PAUSE_AFTER_FAILURE_MS = 10;
    /** How often the JIT's activity is looked at. */
    static final long JIT_LOOK_MS = 500;
    /** The JIT is idle before the first queries too: it is judged only after this long. */
    static final Duration MIN_BEFORE_IDLE = Duration.ofSeconds(2);
    private static final Set<String> WILDCARD_HOSTS = Set.of("", "0.0.0.0", "::", "[::]");

    private final WarmUpSettings settings;
    private final Vertx vertx;
    private final HttpServer server;
    private final String host;
    private final ShardRouter router;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Ticker ticker;
    private final Counter okMeter;
    private final Counter failedMeter;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** Guarded by {@code this}, like {@link #startNanos}, {@link #until} and {@link #took}. */
    private boolean started;
    private long startNanos;
    private Instant until;
    private Duration took;
    private volatile boolean finished;
    private volatile HttpClient http;
    private volatile List<String> names = List.of();
    private volatile String firstFailure;
    private volatile String endedBy = "its duration";

    @Inject
    LoopbackWarmUp(Vertx vertx, HttpServer server, ShardRouter router, ObjectMapper mapper,
                   Clock clock, Ticker ticker, MeterRegistry meters,
                   @ConfigProperty(name = "mw.warmup", defaultValue = "off") String warmup,
                   @ConfigProperty(name = "mw.warmup.concurrency", defaultValue = "4") int concurrency,
                   @ConfigProperty(name = "mw.warmup.until", defaultValue = "jit-idle") String until,
                   @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String httpHost) {
        this.settings = WarmUpSettings.parse(warmup, concurrency, until);
        this.vertx = vertx;
        this.server = server;
        this.host = loopback(httpHost);
        this.router = router;
        this.mapper = mapper;
        this.clock = clock;
        this.ticker = ticker;
        this.okMeter = meters.counter("mw.master.warmup.queries", "outcome", "ok");
        this.failedMeter = meters.counter("mw.master.warmup.queries", "outcome", "failed");
    }

    /** Where the master's own listener answers: loopback when it listens on every address. */
    static String loopback(String httpHost) {
        String host = httpHost == null ? "" : httpHost.strip();
        return WILDCARD_HOSTS.contains(host) ? "127.0.0.1" : host;
    }

    @Override
    public synchronized Progress progress() {
        if (!settings.enabled()) {
            return Progress.NONE;
        }
        if (!started) {
            started = true;
            begin();
        }
        if (!finished && ticker.nanos() - startNanos >= settings.duration().toNanos()) {
            finish(); // the timer is late, or never came: the duration decides, not the timer
        }
        return new Progress(finished, sent.get(), until, took);
    }

    private void begin() {
        startNanos = ticker.nanos();
        int port = server.getPort();
        if (port <= 0) {
            Log.warnf("No warm-up (mw.warmup of %d ms): the master's HTTP port is not known", settings.duration().toMillis());
            finished = true;
            took = Duration.ZERO;
            return;
        }
        until = clock.instant().plus(settings.duration()).truncatedTo(ChronoUnit.MILLIS);
        http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(settings.concurrency()));
        vertx.setTimer(Math.max(1, settings.duration().toMillis()), timer -> finishOnTime());
        JitActivity jit = new JitActivity(ticker.nanos());
        if (settings.untilJitIdle() && jit.measurable()) {
            vertx.setPeriodic(JIT_LOOK_MS, timer -> {
                if (finished || lookAtJit(jit)) {
                    vertx.cancelTimer(timer);
                }
            });
        }
        Log.infof("Warming up until %s before turning ready: queries to http://%s:%d%s, %d at a time",
                until, host, port, PATH, settings.concurrency());
        // the groups' letters until the scatter answers: a slow or hung group must not idle the warm-up
        names = WarmUpNames.of(null, router, mapper);
        send("year=" + SCATTER_YEAR).onComplete(scatter -> {
            if (scatter.succeeded()) {
                names = WarmUpNames.of(scatter.result().getBytes(), router, mapper);
            }
            nameQuery(); // the first lane goes on with names
        });
        for (int lane = 1; lane < settings.concurrency(); lane++) {
            nameQuery();
        }
    }

    /** One lane: a name query, and when it is answered the next, until the warm-up is over. */
    private void nameQuery() {
        if (finished) {
            return;
        }
        List<String> cycle = names;
        String name = cycle.get((int) (sent.get() % cycle.size()));
        send("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")).onComplete(answered -> {
            if (answered.succeeded()) {
                nameQuery();
            } else {
                vertx.setTimer(PAUSE_AFTER_FAILURE_MS, timer -> nameQuery());
            }
        });
    }

    /** The body of a 200 answer; anything else is a failed future. Counted while the warm-up runs. */
    private Future<Buffer> send(String query) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(PATH + "?" + query)
                .putHeader(RequestIds.HEADER, "warmup-" + sent.getAndIncrement());
        return http.request(options)
                .compose(request -> request.send())
                .compose(LoopbackWarmUp::body)
                .onComplete(this::count);
    }

    private static Future<Buffer> body(HttpClientResponse response) {
        return response.body().compose(body -> response.statusCode() == 200 ? Future.succeededFuture(body)
                : Future.failedFuture("HTTP " + response.statusCode()));
    }

    private void count(AsyncResult<Buffer> answer) {
        if (finished) {
            return; // given up at the end: neither an answer nor a failure
        }
        if (answer.succeeded()) {
            ok.incrementAndGet();
            okMeter.increment();
        } else {
            failed.incrementAndGet();
            failedMeter.increment();
            if (firstFailure == null) {
                firstFailure = String.valueOf(answer.cause().getMessage());
            }
        }
    }

    /** True when it ended the warm-up: the JIT settled, after the minimum time and with queries answered. */
    private synchronized boolean lookAtJit(JitActivity jit) {
        double share = jit.look(ticker.nanos());
        Log.debugf("Warm-up: the JIT compiled %.0f %% of a CPU's time in the last %d ms, %d queries answered",
                100 * share, JIT_LOOK_MS, ok.get());
        boolean longEnough = ticker.nanos() - startNanos >= MIN_BEFORE_IDLE.toNanos();
        if (!finished && longEnough && ok.get() > 0 && jit.settled()) {
            endedBy = "the JIT going idle";
            finish();
            return true;
        }
        return false;
    }

    private synchronized void finishOnTime() {
        if (!finished) {
            finish();
        }
    }

    /** Called holding the monitor. Closing the client gives up the queries still out; the route cancels their worker calls. */
    private void finish() {
        finished = true;
        took = Duration.ofNanos(ticker.nanos() - startNanos);
        http.close();
        long answered = ok.get();
        long failures = failed.get();
        long givenUp = Math.max(0, sent.get() - answered - failures);
        String summary = String.format("Warm-up over after %.2f s (ended by %s): %d queries sent, %d answered, %d failed%s, %d given up at the end; %d names",
                took.toNanos() / 1e9, endedBy, sent.get(), answered, failures,
                failures > 0 ? " (first: " + firstFailure + ")" : "", givenUp, names.size());
        if (failures > 0) {
            Log.warn(summary);
        } else {
            Log.info(summary);
        }
    }
}
