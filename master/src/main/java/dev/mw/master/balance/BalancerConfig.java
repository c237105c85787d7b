package dev.mw.master.balance;

import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses the balancer named by {@code mw.balancer}. */
@ApplicationScoped
public class BalancerConfig {

    public static final String NAMES = "p2c-ewma, least-inflight, least-served, round-robin";

    @Produces
    @Singleton
    Balancer balancer(@ConfigProperty(name = "mw.balancer", defaultValue = "p2c-ewma") String name) {
        return byName(name, RandomSource.THREAD_LOCAL);
    }

    public static Balancer byName(String name, RandomSource random) {
        return switch (name.trim()) {
            case "p2c-ewma" -> new P2cEwmaBalancer(random);
            case "least-inflight" -> LeastLoadBalancer.leastInFlight(random);
            case "least-served" -> LeastLoadBalancer.leastServed(random);
            case "round-robin" -> new RoundRobinBalancer();
            default -> throw new ConfigurationException("Unknown mw.balancer '" + name + "'; use one of " + NAMES);
        };
    }
}
