package dev.mw.master.registry;

import dev.mw.master.problem.ProblemException;
import dev.mw.master.time.Ticker;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a caller must pass before its registration is looked at: a rate limit per source address
 * ({@code mw.registry.rate-limit} per minute, 429) and, with {@code mw.registry.verify-source},
 * a URL whose host is the caller's own address (400), so no one can point the master at a third
 * party's address.
 */
@ApplicationScoped
public class RegistrationGate {

    private final SourceRateLimiter limiter;
    private final boolean verifySource;

    @Inject
    RegistrationGate(Ticker ticker,
                     @ConfigProperty(name = "mw.registry.rate-limit", defaultValue = "120") int perMinute,
                     @ConfigProperty(name = "mw.registry.verify-source", defaultValue = "false") boolean verifySource) {
        this(new SourceRateLimiter(ticker, perMinute, Math.max(1, perMinute / 2)), verifySource);
    }

    RegistrationGate(SourceRateLimiter limiter, boolean verifySource) {
        this.limiter = limiter;
        this.verifySource = verifySource;
    }

    public void admit(String source) {
        long wait = limiter.tryAcquire(source == null ? "unknown" : source);
        if (wait > 0) {
            throw new ProblemException(429, "Too many registrations",
                    "too many registrations from " + source + "; retry in " + wait + " s",
                    Map.of("Retry-After", Long.toString(wait)));
        }
    }

    /**
     * With verify-source on: the registered host must resolve to the caller's address. Takes the
     * URL as {@link WorkerRegistry#validate} returned it, so it is well-formed and has a host
     * (a null host would resolve to loopback).
     */
    public void checkSource(URI url, String source) {
        if (!verifySource || source == null) {
            return;
        }
        String host = url.getHost();
        try {
            InetAddress caller = InetAddress.getByName(source);
            boolean matches = Arrays.asList(InetAddress.getAllByName(host)).contains(caller);
            if (!matches) {
                throw ProblemException.badRequest("\"url\" host '" + host + "' is not the caller's address " + source
                        + " (mw.registry.verify-source is on)");
            }
        } catch (UnknownHostException e) {
            Log.debugf("Cannot resolve %s", host);
            throw ProblemException.badRequest("\"url\" host '" + host + "' does not resolve");
        }
    }
}
