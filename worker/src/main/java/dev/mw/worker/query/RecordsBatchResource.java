package dev.mw.worker.query;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.mw.common.query.QueryLimits;
import dev.mw.common.records.BatchRequest;
import dev.mw.common.records.BatchResponse;
import dev.mw.worker.problem.Problem;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/** POST /api/records/batch: several queries answered in one exchange, each as GET /api/records would. */
@Path("/api/records/batch")
public class RecordsBatchResource {

    private final RecordLookup lookup;
    private final LoadTracker load;
    private final FaultInjector faults;

    public RecordsBatchResource(RecordLookup lookup, LoadTracker load, FaultInjector faults) {
        this.lookup = lookup;
        this.load = load;
        this.faults = faults;
    }

    // On the event loop, like the GET: the body is read in full before this runs, and the
    // queries are in-memory index reads. The body is taken as bytes and read by BatchParser,
    // so that a field this contract does not have is a 400 rather than silently dropped.
    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer several queries of this worker's group at once",
            description = "1.." + QueryLimits.MAX_BATCH_SIZE + " queries, each with the filters of GET /api/records "
                    + "and an optional id (the query's request id, for this worker's debug log). Answers come in "
                    + "the queries' order: the records as GET /api/records gives them, or, for a query GET would "
                    + "refuse, its status and detail; the other queries are answered all the same.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class),
            examples = @ExampleObject(name = "two queries", value = "{\"queries\":[{\"id\":\"rid-1\",\"name\":\"alice\"},"
                    + "{\"id\":\"rid-2\",\"location\":\"Kansas City\",\"year\":2002}]}")))
    @APIResponse(responseCode = "200", description = "One answer per query, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchResponse.class)))
    @APIResponse(responseCode = "400", description = "Not a batch: a body that is not JSON or not of this shape, "
            + "no or more than " + QueryLimits.MAX_BATCH_SIZE + " queries, an unknown field, a filter of the wrong type; "
            + "no query is answered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = "A fault injected by mw.fault.error-rate, for the whole batch",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BatchResponse> answer(@Context UriInfo uriInfo, byte[] body) {
        return load.track(() -> faults.apply(Uni.createFrom().item(
                () -> lookup.answerBatch(BatchParser.parse(uriInfo.getQueryParameters().keySet(), body)))),
                RecordsBatchResource::served);
    }

    /** A refused query was not served. */
    private static long served(BatchResponse response) {
        return response.answers().stream().filter(answer -> answer.records() != null).count();
    }
}
