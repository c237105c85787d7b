package dev.mw.worker.registration;

import java.io.Closeable;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;

/**
 * The master's worker registry, as a REST client. Calls return the raw {@link Response}
 * (the client is built with the default exception mapper off) so every status is handled
 * in one place, {@link RestMasterClient}.
 */
@Path("/api/workers")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface MasterApi extends Closeable {

    @POST
    Response register(Registration registration);

    @PUT
    @Path("/{id}/heartbeat")
    Response heartbeat(@PathParam("id") String id, Load load);

    @DELETE
    @Path("/{id}")
    Response deregister(@PathParam("id") String id);
}
