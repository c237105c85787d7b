package dev.mw.master.problem;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Answers a request whose URI is not valid (malformed percent-encoding such as
 * {@code ?name=%zz}, characters a URI may not hold) with a problem 400 that says what is wrong,
 * before any route sees it.
 *
 * <p>Quarkus makes the same {@link URI} check, but before the router, with an empty 400 and no
 * way to change it. {@code MasterMain} (and the tests' JVM) switch that check off with the
 * system property {@value #QUARKUS_CHECK}, so this filter is the check instead and accepts
 * exactly the URIs Quarkus' check accepts.
 */
@ApplicationScoped
public class RequestUriCheck {

    public static final String QUARKUS_CHECK = "vertx.disableURIValidation";

    private final ProblemResponses problems;

    RequestUriCheck(ProblemResponses problems) {
        this.problems = problems;
    }

    void installFilter(@Observes Filters filters) {
        filters.register(this::check, Integer.MAX_VALUE);
    }

    /**
     * A path the router cannot decode fails before any filter runs; the router reports it here,
     * with any other 400 no handler answered.
     */
    void installErrorHandler(@Observes Router router) {
        router.errorHandler(400, context -> reject(context, "the request is not valid: "
                + (context.failure() == null ? "Bad Request" : context.failure().getMessage())));
    }

    private void check(RoutingContext context) {
        try {
            new URI(context.request().uri());
            context.next();
        } catch (URISyntaxException e) {
            reject(context, "the request URI is not valid: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    private void reject(RoutingContext context, String detail) {
        problems.send(context, Problem.of(400, "Bad request", detail));
    }
}
