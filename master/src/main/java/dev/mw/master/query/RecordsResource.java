package dev.mw.master.query;

import io.smallrye.mutiny.Uni;
import dev.mw.master.trace.RequestIds;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/records}: the clients' query endpoint. Runs on the event loop, never blocks. */
@Path("/api/records")
@Tag(name = "Queries")
public class RecordsResource {

    private final QueryService queries;
    private final QueryLimiter limiter;

    RecordsResource(QueryService queries, QueryLimiter limiter) {
        this.queries = queries;
        this.limiter = limiter;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find records by name, location and/or year",
            description = "A name query is asked of the group that owns the name; other queries of every group in parallel.")
    @APIResponse(responseCode = "200", description = "The records, in group order then by record_id, with per-shard details")
    @APIResponse(responseCode = "400", description = "No filter, an empty or over-long value, a bad year, or a name no group owns")
    @APIResponse(responseCode = "503", description = "Worker group unavailable: no worker of a needed group answered;"
            + " or Overloaded, with Retry-After, beyond mw.max-concurrent-queries")
    public Uni<QueryAnswer> records(
            @Parameter(description = "Name, matched case-insensitively", example = "alice") @QueryParam("name") String name,
            @Parameter(description = "Location, matched case-insensitively", example = "Kansas City") @QueryParam("location") String location,
            @Parameter(description = "Year, 0..9999", example = "2002") @QueryParam("year") String year,
            @Parameter(description = "For scatter queries: answer with the groups that answered (default) or 503")
            @QueryParam("allowPartial") String allowPartial,
            @HeaderParam(RequestIds.HEADER) String requestId,
            @Context UriInfo uri) {
        RecordQuery query = QueryParser.parse(uri.getQueryParameters()).withRequestId(requestId);
        limiter.acquire();
        return Uni.createFrom().deferred(() -> queries.query(query)).onTermination().invoke(limiter::release);
    }
}
