package dev.mw.master.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mw.master.problem.ProblemResponses;
import dev.mw.master.trace.RequestIds;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/records}, the clients' query endpoint. Runs on the event loop and never blocks.
 *
 * <p>A Vert.x route, not a Quarkus REST resource like the registry: this is the master's hot
 * path, and the resource's per-request machinery (its handler chain, the CDI request context,
 * context propagation around the returned {@code Uni}) cost about a tenth of the master's CPU per
 * name query ({@code bench/README.md}). Its OpenAPI description is in
 * {@code META-INF/openapi.yaml}, which SmallRye OpenAPI merges with the scanned resources.
 */
@ApplicationScoped
public class RecordsRoute {

    static final String PATH = "/api/records";
    private static final String JSON = "application/json";

    private final QueryService queries;
    private final QueryLimiter limiter;
    private final ObjectMapper mapper;
    private final ProblemResponses problems;

    RecordsRoute(QueryService queries, QueryLimiter limiter, ObjectMapper mapper, ProblemResponses problems) {
        this.queries = queries;
        this.limiter = limiter;
        this.mapper = mapper;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route(PATH).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::records);
        router.route(PATH).handler(context -> problems.methodNotAllowed(context, "GET, HEAD"));
    }

    private void records(RoutingContext context) {
        RecordQuery query;
        try {
            query = QueryParser.parse(parameters(context)).withRequestId(context.request().getHeader(RequestIds.HEADER));
            limiter.acquire();
        } catch (RuntimeException e) {
            problems.send(context, e);
            return;
        }
        Cancellable answering = queries.query(query)
                .onTermination().invoke(limiter::release) // answered, failed, or given up: once
                .subscribe().with(answer -> send(context, answer), failure -> problems.send(context, failure));
        // a client that went away takes its query with it: the calls to workers are given up
        context.response().closeHandler(closed -> answering.cancel());
    }

    private static Map<String, List<String>> parameters(RoutingContext context) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        context.queryParams().forEach(p -> parameters.computeIfAbsent(p.getKey(), k -> new ArrayList<>(1)).add(p.getValue()));
        return parameters;
    }

    private void send(RoutingContext context, QueryAnswer answer) {
        HttpServerResponse response = context.response();
        if (response.closed() || response.ended()) {
            return; // the client left
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            problems.send(context, e);
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(body));
    }
}
