package dev.mw.master.problem;

import dev.mw.common.http.RequestUriCheck;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The shared {@link RequestUriCheck}, answering with the master's problem 400. */
@ApplicationScoped
public class RequestUriProblems {

    private final RequestUriCheck check;

    RequestUriProblems(ProblemResponses problems) {
        this.check = new RequestUriCheck((context, detail) -> problems.send(context, Problem.of(400, "Bad request", detail)));
    }

    void installFilter(@Observes Filters filters) {
        check.install(filters);
    }

    void installErrorHandler(@Observes Router router) {
        check.install(router);
    }
}
