package dev.mw.worker.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.mw.common.registration.Load;
import io.smallrye.common.annotation.NonBlocking;

/** GET /api/load: how busy this worker is, for the master's balancer. */
@Path("/api/load")
public class LoadResource {

    private final LoadTracker load;

    public LoadResource(LoadTracker load) {
        this.load = load;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This worker's load",
            description = "inFlight: /api/records requests being processed, a batch as one; served: queries answered "
                    + "successfully, one per 2xx GET /api/records and one per query a batch answered with records; "
                    + "errors and refused queries are not counted.")
    public Load load() {
        return load.current();
    }
}
