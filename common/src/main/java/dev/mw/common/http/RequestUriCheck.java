package dev.mw.common.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URISyntaxException;
import java.util.function.BiConsumer;

/**
 * Answers a request whose URI is not valid (malformed percent-encoding such as
 * {@code ?name=%zz}, bytes that are not UTF-8, characters a URI may not hold) with the service's
 * own problem 400 that says what is wrong, before any route or resource sees it. A URI with raw
 * UTF-8 bytes ({@code ?name=Émile} as curl sends it) is routed again with them percent-encoded
 * ({@link RequestTarget}), so it is answered as {@code ?name=%C3%89mile} is.
 *
 * <p>Quarkus makes the same {@link URI} check, but before the router, with an empty 400 and no
 * way to change it. A service's main calls {@link #replaceQuarkusCheck()} before Quarkus starts
 * (the tests' JVM sets the same system property), so this check is the only one. It accepts
 * the URIs Quarkus' check accepts, except escapes that are not UTF-8, and raw UTF-8 besides.
 */
public final class RequestUriCheck {

    /** The system property that switches Quarkus' own check off. */
    public static final String QUARKUS_CHECK = "vertx.disableURIValidation";

    private final BiConsumer<RoutingContext, String> reject;

    /** @param reject ends a request with the service's problem 400 carrying the given detail */
    public RequestUriCheck(BiConsumer<RoutingContext, String> reject) {
        this.reject = reject;
    }

    public static void replaceQuarkusCheck() {
        System.getProperties().putIfAbsent(QUARKUS_CHECK, "true");
    }

    /** Checks every request's URI ahead of every other filter. */
    public void install(Filters filters) {
        filters.register(this::check, Integer.MAX_VALUE);
    }

    /**
     * A path the router cannot decode fails before any filter runs; the router reports it here,
     * with any other 400 no handler answered.
     */
    public void install(Router router) {
        router.errorHandler(400, context -> reject.accept(context, "the request is not valid: "
                + (context.failure() == null ? "Bad Request" : context.failure().getMessage())));
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        try {
            String normalized = RequestTarget.normalize(uri);
            if (normalized.equals(uri)) {
                context.next();
            } else { // raw UTF-8 bytes, now escaped: routed again as if the client had escaped them
                context.reroute(context.request().method(), normalized);
            }
        } catch (URISyntaxException e) {
            reject.accept(context, "the request URI is not valid: " + e.getReason() + " at index " + e.getIndex());
        }
    }
}
