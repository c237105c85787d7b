package dev.mw.master.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the master as {@code application/problem+json}. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = builder(e.problem());
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return respond(Problem.of(400, "Bad request", "request body is not valid JSON: " + e.getOriginalMessage()));
    }

    /** More specific than Quarkus' own mapper for it, which answers 400 with no body. */
    @ServerExceptionMapper
    public Response badJsonShape(MismatchedInputException e) {
        return respond(Problem.of(400, "Bad request", "request body has the wrong shape: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = e.getMessage() == null ? status.getReasonPhrase() : e.getMessage();
        return respond(Problem.of(status.getStatusCode(), status.getReasonPhrase(), detail));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("Unexpected error", e);
        return respond(Problem.unexpected(e));
    }

    public static Response respond(Problem problem) {
        return builder(problem).build();
    }

    private static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }
}
