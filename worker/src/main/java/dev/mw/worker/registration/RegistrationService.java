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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.mw.common.registration.Registration;
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
    /** Master names are looked up again every heartbeat, but not more often than this. */
    static final Duration DISCOVERY_MIN = Duration.ofSeconds(1);

    private final WorkerConfig config;
    private final WorkerIdentity identity;
    private final RecordStore store;
    private final LoadTracker load;
    private final MasterAddresses addresses;
    private volatile Map<String, SessionRunner> runners = Map.of();
    private volatile boolean stopping;
    private Registration registration;
    private ScheduledExecutorService discovery;
    private int sessions;

    @Inject
    public RegistrationService(WorkerConfig config, WorkerIdentity identity, RecordStore store, LoadTracker load) {
        this(config, identity, store, load, MasterAddresses.system());
    }

    RegistrationService(WorkerConfig config, WorkerIdentity identity, RecordStore store, LoadTracker load,
            MasterAddresses addresses) {
        this.addresses = addresses;
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
        if (stopping || registration != null) {
            return;
        }
        if (!store.isLoaded()) {
            LOG.debug("Not registering at any master: the data is not loaded");
            return;
        }
        registration = new Registration(identity.id(), identity.group(), advertiseUrl(port));
        reconcile();
        if (MasterAddresses.hasHostNames(masterUrls())) {
            discovery = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "mw-master-discovery");
                thread.setDaemon(true);
                return thread;
            });
            long every = discoveryPeriod(config.heartbeat()).toMillis();
            discovery.scheduleWithFixedDelay(this::reconcile, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * How often the master names are resolved again: every heartbeat, so a new master pod behind
     * a headless Service gets this worker's registration within a heartbeat or two (with the 1 s
     * DNS cache of {@link DnsCache}).
     */
    static Duration discoveryPeriod(Duration heartbeat) {
        return heartbeat.compareTo(DISCOVERY_MIN) < 0 ? DISCOVERY_MIN : heartbeat;
    }

    /**
     * Starts a session for every master address that appeared and closes the sessions of those
     * that went away (a master pod that is gone cannot be deregistered from).
     */
    synchronized void reconcile() {
        if (stopping) {
            return;
        }
        List<String> wanted = addresses.expand(masterUrls());
        Map<String, SessionRunner> next = new LinkedHashMap<>();
        for (String url : wanted) {
            SessionRunner runner = runners.get(url);
            if (runner == null) {
                runner = runner(url, registration, sessions++);
                runner.start();
                if (!runners.isEmpty()) {
                    LOG.infof("Master address %s appeared; registering there too", url);
                }
            }
            next.put(url, runner);
        }
        runners.forEach((url, runner) -> {
            if (!next.containsKey(url)) {
                LOG.infof("Master address %s went away; closing its session", url);
                runner.close();
            }
        });
        runners = next;
    }

    /** Turns unready and deregisters at every master, waiting about a second at most. */
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (discovery != null) {
            discovery.shutdownNow();
        }
        CompletableFuture<?>[] deregistrations = runners.values().stream().map(SessionRunner::stop)
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
        runners.values().forEach(SessionRunner::close);
    }

    /** Ready when registered with at least one master and not shutting down. */
    public boolean isRegistered() {
        return !stopping && runners.values().stream()
                .anyMatch(r -> r.session().state() == MasterSession.State.REGISTERED);
    }

    public boolean isStopping() {
        return stopping;
    }

    /** Each master's URL and this worker's state there, in configuration order. */
    public Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        runners.values().forEach(r -> states.put(r.session().masterUrl(), r.session().state().name()));
        return states;
    }

    private List<String> masterUrls() {
        return config.masterUrl().stream().map(String::strip).filter(u -> !u.isEmpty()).distinct().toList();
    }

    private SessionRunner runner(String masterUrl, Registration registration, int number) {
        MasterClient client = RestMasterClient.create(masterUrl, config.token().filter(t -> !t.isBlank()),
                CONNECT_TIMEOUT, READ_TIMEOUT);
        MasterSession session = new MasterSession(client, registration, load::current,
                new Backoff(BACKOFF_BASE, backoffCap(), new Random()), config.heartbeat(), Clock.systemUTC());
        return new SessionRunner(session, client, "mw-registration-" + number);
    }

    /** Never wait longer than a heartbeat between attempts, so a restarted master is rejoined within two. */
    private Duration backoffCap() {
        Duration cap = config.heartbeat().compareTo(BACKOFF_CAP) < 0 ? config.heartbeat() : BACKOFF_CAP;
        return cap.compareTo(BACKOFF_BASE) < 0 ? BACKOFF_BASE : cap;
    }

    private String advertiseUrl(int port) {
        return config.advertiseUrl().map(String::strip).filter(u -> !u.isEmpty())
                .orElseGet(() -> "http://" + WorkerIdentity.hostName() + ":" + port);
    }
}
