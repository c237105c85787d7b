package dev.mw.master.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Ends a Vert.x route's request with a problem answer: what {@link ProblemMappers} do for the resources. */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper mapper;

    ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A {@link ProblemException} as itself; anything else is a 500 that is logged. */
    public void send(RoutingContext context, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            send(context, problem.problem(), problem);
            return;
        }
        Log.error("Unexpected error", failure);
        send(context, Problem.unexpected(failure), null);
    }

    public void methodNotAllowed(RoutingContext context, String allowed) {
        context.response().putHeader(HttpHeaders.ALLOW, allowed);
        send(context, Problem.of(405, "Method Not Allowed", "use " + allowed));
    }

    public void send(RoutingContext context, Problem problem) {
        send(context, problem, null);
    }

    private void send(RoutingContext context, Problem problem, ProblemException headersFrom) {
        HttpServerResponse response = context.response();
        if (response.closed() || response.ended()) {
            return;
        }
        if (headersFrom != null) {
            headersFrom.headers().forEach(response::putHeader);
        }
        try {
            response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Buffer.buffer(mapper.writeValueAsBytes(problem)));
        } catch (JsonProcessingException e) { // a record of strings and an int: cannot happen
            throw new IllegalStateException(e);
        }
    }
}
