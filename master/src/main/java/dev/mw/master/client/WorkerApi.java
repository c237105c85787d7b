package dev.mw.master.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The worker's query API, called without blocking a thread (Quarkus REST Client, reactive). */
@Path("/api")
public interface WorkerApi extends AutoCloseable {

    /** Null filters are left out of the query string; the request id is passed on for the workers' logs. */
    @GET
    @Path("/records")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<WorkerAnswer> records(@HeaderParam("X-Request-Id") String requestId,
                              @QueryParam("name") String name,
                              @QueryParam("location") String location,
                              @QueryParam("year") Integer year);

    @Override
    void close();
}
