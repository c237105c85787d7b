package dev.mw.master.registry;

import dev.mw.common.registration.Lease;
import dev.mw.common.registration.Load;
import dev.mw.common.registration.Registration;
import dev.mw.master.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The workers' side of the master: register, renew, heartbeat, leave, and the listing. */
@Path("/api/workers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Worker registry")
public class RegistryResource {

    private final WorkerRegistry registry;
    private final RegistrationToken token;
    private final RegistrationGate gate;

    RegistryResource(WorkerRegistry registry, RegistrationToken token, RegistrationGate gate) {
        this.registry = registry;
        this.token = token;
        this.gate = gate;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Registered; body {id, leaseSeconds, heartbeatSeconds}")
    @APIResponse(responseCode = "200", description = "Renewed")
    @APIResponse(responseCode = "400", description = "Unknown group, an id that is not a DNS label, a URL that is not http(s)://host:port")
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token (when mw.token is set)")
    @APIResponse(responseCode = "409", description = "The group already has mw.registry.max-per-group instances")
    @APIResponse(responseCode = "429", description = "Too many registrations from this address; see Retry-After")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "worker",
            value = "{\"id\": \"worker-am-0\", \"group\": \"am\", \"url\": \"http://10.1.2.3:8081\"}")))
    @Operation(summary = "Register or renew a worker instance",
            description = "201 the first time, 200 when renewing; 400 for a bad registration, 401 without the token,"
                    + " 409 when the group is full, 429 when the caller registers too often.")
    public Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @Context HttpServerRequest request, Registration registration) {
        token.check(authorization);
        String source = request.remoteAddress() == null ? null : request.remoteAddress().host();
        gate.admit(source);
        gate.checkSource(registry.validate(registration), source);
        WorkerRegistry.Registered registered = registry.register(registration);
        Lease lease = registered.lease();
        return registered.created()
                ? Response.created(URI.create("/api/workers/" + lease.id())).entity(lease).build()
                : Response.ok(lease).build();
    }

    @PUT
    @Path("/{id}/heartbeat")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Lease renewed")
    @APIResponse(responseCode = "400", description = "Negative inFlight or served (a field left out counts as 0)")
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token (when mw.token is set)")
    @APIResponse(responseCode = "404", description = "Unknown id: register again")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "load",
            value = "{\"inFlight\": 0, \"served\": 12}")))
    @Operation(summary = "Renew the lease and report load", description = "404 when the id is unknown: register again.")
    public Lease heartbeat(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           Load load) {
        token.check(authorization);
        if (!registry.heartbeat(id, load)) {
            throw new ProblemException(404, "Unknown worker", "no worker '" + id + "' is registered; register again");
        }
        return registry.lease(id);
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Gone (also when it was already gone)")
    @APIResponse(responseCode = "401", description = "Missing or wrong bearer token (when mw.token is set)")
    @Operation(summary = "Deregister a worker instance", description = "204 also for an id already gone.")
    public Response deregister(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        token.check(authorization);
        registry.remove(id);
        return Response.noContent().build();
    }

    @GET
    @APIResponse(responseCode = "200", description = "Every instance: id, group, url, state (UP, SUSPECT, DOWN),"
            + " inFlight, served, latencyMs, lastSeen, breaker, consecutiveFailures, ejections")
    @Operation(summary = "List registered instances with state, load and latency")
    public List<WorkerView> list() {
        return registry.all().stream().map(WorkerView::of).toList();
    }
}
