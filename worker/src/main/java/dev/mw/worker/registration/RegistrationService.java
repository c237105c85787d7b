package dev.mw.worker.registration;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import dev.mw.worker.WorkerConfig;
import dev.mw.worker.WorkerIdentity;
import dev.mw.worker.data.RecordStore;
import dev.mw.worker.query.LoadTracker;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * Registers this worker at every master once its HTTP server listens (so the port it
 * advertises is the real one) and its data is loaded; on shutdown, turns unready and
 * deregisters before the server stops taking requests.
 */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEREGISTER_TIMEOUT = Duration.ofSeconds(1);
    static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    static final Duration BACKOFF_CAP = Duration.ofSeconds(5);

    private final WorkerConfig config;
    private final WorkerIdentity identity;
    private final RecordStore store;
    private final LoadTracker load;
    private volatile List<SessionRunner> runners = List.of();
    private volatile boolean stopping;

    public RegistrationService(WorkerConfig config, WorkerIdentity identity, RecordStore store, LoadTracker load) {
        this.config = config;
        this.identity = identity;
        this.store = store;
        this.load = load;
    }

    void onHttpServerStarted(@ObservesAsync HttpServerStart event) {
        start(event.options().getPort());
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        stop();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /** Refuses master and advertise URLs that are not http(s) URLs, before anything starts. */
    public void checkConfig() {
        masterUrls().forEach(url -> HttpUrls.check("mw.master-url", url));
        config.advertiseUrl().filter(url -> !url.isBlank()).ifPresent(url -> HttpUrls.check("mw.advertise-url", url));
    }

    synchronized void start(int port) {
        if (stopping || !runners.isEmpty()) {
            return;
        }
        if (!store.isLoaded()) {
            LOG.debug("Not registering at any master: the data is not loaded");
            return;
        }
        Registration registration = new Registration(identity.id(), identity.group(), advertiseUrl(port));
        List<String> masters = masterUrls();
        runners = IntStream.range(0, masters.size())
                .mapToObj(i -> runner(masters.get(i), registration, i)).toList();
        runners.forEach(SessionRunner::start);
    }

    /** Turns unready and deregisters at every master, waiting about a second at most. */
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        CompletableFuture<?>[] deregistrations = runners.stream().map(SessionRunner::stop)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(deregistrations).get(DEREGISTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Deregistration did not finish within %s; the masters' leases will expire",
                    Durations.format(DEREGISTER_TIMEOUT));
        } catch (ExecutionException e) {
            LOG.warn("Deregistration failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runners.forEach(SessionRunner::close);
    }

    /** Ready when registered with at least one master and not shutting down. */
    public boolean isRegistered() {
        return !stopping && runners.stream()
                .anyMatch(r -> r.session().state() == MasterSession.State.REGISTERED);
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Each master's URL and this worker's state there, in configuration order. */
    public Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        runners.forEach(r -> states.put(r.session().masterUrl(), r.session().state().name()));
        return states;
    }

    private List<String> masterUrls() {
        return config.masterUrl().stream().map(String::strip).filter(u -> !u.isEmpty()).distinct().toList();
    }

    private SessionRunner runner(String masterUrl, Registration registration, int number) {
        MasterClient client = RestMasterClient.create(masterUrl, config.token().filter(t -> !t.isBlank()),
                CONNECT_TIMEOUT, READ_TIMEOUT);
        MasterSession session = new MasterSession(client, registration, load::current,
                new Backoff(BACKOFF_BASE, BACKOFF_CAP, new Random()), config.heartbeat(), Clock.systemUTC());
        return new SessionRunner(session, client, "mw-registration-" + number);
    }

    private String advertiseUrl(int port) {
        return config.advertiseUrl().map(String::strip).filter(u -> !u.isEmpty())
                .orElseGet(() -> "http://" + WorkerIdentity.hostName() + ":" + port);
    }
}
