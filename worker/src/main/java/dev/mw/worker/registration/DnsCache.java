package dev.mw.worker.registration;

import java.security.Security;

/**
 * How long this JVM keeps a DNS answer. In Kubernetes {@code mw.master-url} names the master's
 * headless Service, which resolves to every master pod; the JDK keeps a positive answer for 30 s
 * and a failed lookup for 10 s by default, so a new master pod would wait that long for its
 * workers. The worker keeps both for 1 s instead, below one heartbeat ({@code mw.heartbeat},
 * 3 s), and looks the names up again every heartbeat ({@link RegistrationService}). Quarkus'
 * Vert.x, under the REST client, resolves through the JDK as well
 * ({@code quarkus.vertx.use-async-dns=false}, its default), so both see the same answers.
 *
 * <p>The JDK reads these settings once, at its first lookup: {@link #configure()} runs first
 * thing in {@code WorkerMain}. A TTL given in {@code java.security} or with
 * {@code -Dsun.net.inetaddr.ttl} / {@code -Dsun.net.inetaddr.negative.ttl} is left as it is.
 */
public final class DnsCache {

    public static final String TTL = "networkaddress.cache.ttl";
    public static final String NEGATIVE_TTL = "networkaddress.cache.negative.ttl";
    static final String TTL_SYSTEM_PROPERTY = "sun.net.inetaddr.ttl";
    static final String NEGATIVE_TTL_SYSTEM_PROPERTY = "sun.net.inetaddr.negative.ttl";
    public static final String TTL_SECONDS = "1";

    private DnsCache() {
    }

    /** Sets both TTLs to {@value #TTL_SECONDS} s unless the user chose them. */
    public static void configure() {
        configure(TTL, TTL_SYSTEM_PROPERTY);
        configure(NEGATIVE_TTL, NEGATIVE_TTL_SYSTEM_PROPERTY);
    }

    private static void configure(String securityProperty, String systemProperty) {
        String chosen = Security.getProperty(securityProperty);
        if ((chosen == null || chosen.isBlank()) && System.getProperty(systemProperty) == null) {
            Security.setProperty(securityProperty, TTL_SECONDS);
        }
    }
}
