package dev.mw.worker.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.mw.common.query.QueryLimits;
import dev.mw.common.records.RecordsResponse;
import dev.mw.worker.problem.Problem;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/** GET /api/records: this worker's records matching the filters. */
@Path("/api/records")
public class RecordsResource {

    private final RecordLookup lookup;
    private final LoadTracker load;
    private final FaultInjector faults;

    public RecordsResource(RecordLookup lookup, LoadTracker load, FaultInjector faults) {
        this.lookup = lookup;
        this.load = load;
        this.faults = faults;
    }

    // Runs on the event loop: the lookup is an in-memory index read, and mw.fault.delay is a
    // timer. The query parameters are read from UriInfo rather than bound one by one, so that
    // an unknown or repeated parameter is a 400 instead of being silently ignored.
    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find records of this worker's group",
            description = "Filters combine with AND; name and location match case-insensitively after trimming, "
                    + "year exactly. Records are sorted by record_id.")
    @Parameter(name = "name", in = ParameterIn.QUERY,
            description = "Name, 1.." + QueryLimits.MAX_TEXT_LENGTH + " characters",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "location", in = ParameterIn.QUERY,
            description = "Location, 1.." + QueryLimits.MAX_TEXT_LENGTH + " characters",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "year", in = ParameterIn.QUERY,
            description = "Year, an integer " + QueryLimits.MIN_YEAR + ".." + QueryLimits.MAX_YEAR,
            schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "" + QueryLimits.MIN_YEAR, maximum = "" + QueryLimits.MAX_YEAR))
    @APIResponse(responseCode = "200", description = "The matching records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecordsResponse.class)))
    @APIResponse(responseCode = "400", description = "No filter, an invalid, repeated or unknown parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "500", description = "A fault injected by mw.fault.error-rate",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RecordsResponse> records(@Context UriInfo uriInfo) {
        MultivaluedMap<String, String> parameters = uriInfo.getQueryParameters();
        return load.track(() -> faults.apply(Uni.createFrom().item(() -> lookup.answer(parameters))));
    }
}
