package dev.mw.worker.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mw.common.http.RequestUriCheck;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The shared {@link RequestUriCheck}, answering with the worker's {@code invalid-request} problem. */
@ApplicationScoped
public class RequestUriProblems {

    private final ObjectMapper mapper;
    private final RequestUriCheck check = new RequestUriCheck(this::reject);

    RequestUriProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void installFilter(@Observes Filters filters) {
        check.install(filters);
    }

    void installErrorHandler(@Observes Router router) {
        check.install(router);
    }

    private void reject(RoutingContext context, String detail) {
        Problem problem = Problem.of("invalid-request", "Invalid request", 400, detail);
        try {
            context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(Buffer.buffer(mapper.writeValueAsBytes(problem)));
        } catch (JsonProcessingException e) { // a record of strings and an int: cannot happen
            throw new IllegalStateException(e);
        }
    }
}
