package dev.mw.master.registry;

import dev.mw.master.group.GroupView;
import dev.mw.master.group.ShardRouter;
import dev.mw.master.health.InstanceState;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/groups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Worker registry")
public class GroupsResource {

    private final ShardRouter router;
    private final WorkerRegistry registry;

    GroupsResource(ShardRouter router, WorkerRegistry registry) {
        this.router = router;
        this.registry = registry;
    }

    @GET
    @APIResponse(responseCode = "200", description = "[{name, range, workers, up}] in declaration order")
    @Operation(summary = "List the groups with their letter ranges and how many instances are up")
    public List<GroupView> list() {
        return router.groups().stream().map(g -> {
            List<WorkerInstance> instances = registry.instances(g.name());
            int up = (int) instances.stream().filter(i -> i.state() == InstanceState.UP).count();
            return new GroupView(g.name(), g.rangeText(), instances.size(), up);
        }).toList();
    }
}
