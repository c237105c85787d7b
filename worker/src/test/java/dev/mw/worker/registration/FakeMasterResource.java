package dev.mw.worker.registration;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.mw.common.registration.Lease;
import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;

/**
 * The master's worker registry, faked for the tests and served by the test application
 * itself: the worker under test registers here (see %test.mw.master-url).
 */
@Path("/api/workers")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FakeMasterResource {

    static final String WORKER_UNDER_TEST = "worker-am-test";

    private final FakeMaster master;

    public FakeMasterResource(FakeMaster master) {
        this.master = master;
    }

    @POST
    public Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Registration registration) {
        master.record("POST", registration.id(), authorization, registration);
        if (!authorized(authorization)) {
            return Response.status(401).build();
        }
        if (!registration.group().equals("am") && !registration.group().equals("nz")) {
            return Response.status(400).type("application/problem+json")
                    .entity("{\"title\":\"Invalid registration\",\"status\":400,"
                            + "\"detail\":\"Unknown group \\\"" + registration.group() + "\\\"\"}")
                    .build();
        }
        boolean first = master.known.add(registration.id());
        return Response.status(first ? 201 : 200).entity(new Lease(registration.id(), 10, 1)).build();
    }

    @PUT
    @Path("/{id}/heartbeat")
    public Response heartbeat(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, Load load) {
        if (!authorized(authorization)) {
            master.record("PUT", id, authorization, null);
            return Response.status(401).build();
        }
        if (master.forgetAtNextHeartbeat && WORKER_UNDER_TEST.equals(id)) {
            master.forgetAtNextHeartbeat = false;
            master.known.remove(id);
        }
        if (!master.known.contains(id)) {
            master.record("PUT", id, authorization, null);
            return Response.status(404).build();
        }
        master.record("PUT", id, authorization, load);
        return Response.ok().build();
    }

    @DELETE
    @Path("/{id}")
    public Response deregister(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        master.record("DELETE", id, authorization, null);
        if (!authorized(authorization)) {
            return Response.status(401).build();
        }
        master.known.remove(id);
        return Response.noContent().build();
    }

    private static boolean authorized(String authorization) {
        return ("Bearer " + FakeMaster.TOKEN).equals(authorization);
    }
}
