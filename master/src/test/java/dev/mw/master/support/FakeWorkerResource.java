package dev.mw.master.support;

import dev.mw.common.records.PersonRecord;
import dev.mw.common.records.RecordsResponse;
import dev.mw.master.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only workers served by the test application itself, at {@code /fake-workers/{id}}: real
 * HTTP from the master's REST clients, with behaviour a test can switch per instance.
 */
@Path("/fake-workers/{id}/api/records")
public class FakeWorkerResource {

    /**
     * FLAKY fails every other call; REFUSE answers 400 as a worker that finds the query invalid;
     * SLOW answers after {@link #SLOW_TIME}.
     */
    public enum Behaviour { OK, FAIL, HANG, FLAKY, HUGE, REFUSE, SLOW }

    /** How long a SLOW worker takes: slower than an idle fake, far below every timeout. */
    public static final Duration SLOW_TIME = Duration.ofMillis(40);

    /** The {@code detail} of a REFUSE worker's problem answer. */
    public static final String REFUSAL = "this worker takes no name longer than 2 characters";

    /** How long a HANG worker takes: far beyond every timeout the tests use. */
    public static final Duration HANG_TIME = Duration.ofSeconds(5);

    public static final Map<String, Behaviour> BEHAVIOUR = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    public static final Map<String, String> LAST_REQUEST_ID = new ConcurrentHashMap<>();
    /** The sizes of the batches each fake received, in order. */
    public static final Map<String, List<Integer>> BATCHES = new ConcurrentHashMap<>();
    /** The last request id per instance and kind of query, keyed {@code am-0/name} or {@code am-0/scatter}. */
    public static final Map<String, String> LAST_REQUEST_ID_BY_KIND = new ConcurrentHashMap<>();

    private static final Map<String, List<PersonRecord>> DATA = Map.of(
            "am", List.of(new PersonRecord(12, "deep", "Kansas City", 2022),
                    new PersonRecord(2, "alice", "New York City", 2002),
                    new PersonRecord(4, "bill", "Kansas City", 2002)),
            "nz", List.of(new PersonRecord(14, "niko", "Kansas City", 2001),
                    new PersonRecord(1, "rakin", "Kansas City", 2019),
                    new PersonRecord(3, "zen", "Kansas City", 2018),
                    new PersonRecord(4, "symon", "Kansas City", 2015)));

    public static void reset() {
        BEHAVIOUR.clear();
        CALLS.clear();
        LAST_REQUEST_ID.clear();
        BATCHES.clear();
        LAST_REQUEST_ID_BY_KIND.clear();
    }

    public static int calls(String id) {
        return CALLS.getOrDefault(id, new AtomicInteger()).get();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RecordsResponse> records(@PathParam("id") String id, @HeaderParam("X-Request-Id") String requestId,
                                     @QueryParam("name") String name,
                                     @QueryParam("location") String location, @QueryParam("year") Integer year) {
        Behaviour behaviour = BEHAVIOUR.getOrDefault(id, Behaviour.OK); // read before the call counts: a test
        LAST_REQUEST_ID.put(id, String.valueOf(requestId));           // that waits for the call may change it then
        LAST_REQUEST_ID_BY_KIND.put(id + (name != null ? "/name" : "/scatter"), String.valueOf(requestId));
        int call = CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        String group = id.substring(0, 2);
        return behave(behaviour, id, call, new RecordsResponse(group, id, matching(group, name, location, year)));
    }

    /**
     * {@code POST .../batch}: each query answered as the GET would answer it; the fake's behaviour
     * applies to the whole batch, except REFUSE, which refuses each query alone.
     */
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> batch(@PathParam("id") String id, Map<String, List<Map<String, Object>>> body) {
        Behaviour behaviour = BEHAVIOUR.getOrDefault(id, Behaviour.OK);
        List<Map<String, Object>> queries = body.get("queries");
        BATCHES.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(queries.size());
        int call = CALLS.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        LAST_REQUEST_ID.put(id, String.valueOf(queries.get(0).get("id")));
        String group = id.substring(0, 2);
        boolean refuse = behaviour == Behaviour.REFUSE;
        List<Map<String, Object>> answers = queries.stream().map(q -> refuse
                ? Map.<String, Object>of("status", 400, "detail", REFUSAL)
                : Map.<String, Object>of("records", matching(group, (String) q.get("name"), (String) q.get("location"),
                        (Integer) q.get("year")))).toList();
        Map<String, Object> answer = Map.of("group", group, "worker", id, "answers", answers);
        return refuse ? Uni.createFrom().item(answer) : behave(behaviour, id, call, answer);
    }

    private static List<PersonRecord> matching(String group, String name, String location, Integer year) {
        return DATA.get(group).stream()
                .filter(r -> name == null || r.name().equalsIgnoreCase(name.strip()))
                .filter(r -> location == null || r.location().toLowerCase(Locale.ROOT).equals(location.strip().toLowerCase(Locale.ROOT)))
                .filter(r -> year == null || r.year() == year)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> Uni<T> behave(Behaviour behaviour, String id, int call, T answer) {
        String group = id.substring(0, 2);
        return (Uni<T>) switch (behaviour) {
            case OK -> Uni.createFrom().item(answer);
            case FAIL -> Uni.createFrom().failure(new WebApplicationException("injected", 500));
            case HANG -> Uni.createFrom().item(answer).onItem().delayIt().by(HANG_TIME);
            case SLOW -> Uni.createFrom().item(answer).onItem().delayIt().by(SLOW_TIME);
            case HUGE -> Uni.createFrom().<Object>item(new RecordsResponse(group, id, java.util.Collections.nCopies(20_000,
                    new PersonRecord(1, "x".repeat(50), "y".repeat(50), 2000))));
            case REFUSE -> Uni.createFrom().failure(ProblemException.badRequest(REFUSAL));
            case FLAKY -> call % 2 == 0 ? Uni.createFrom().item(answer)
                    : Uni.createFrom().failure(new WebApplicationException("injected", 500));
        };
    }
}
