package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.authorized;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.mw.master.registry.WorkerRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry's guards over HTTP: group cap (409), source check (400), rate limit (429). */
@QuarkusTest
@TestProfile(GuardedRegistryTest.Guarded.class)
class GuardedRegistryTest {

    public static class Guarded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.registry.max-per-group", "1", "mw.registry.verify-source", "true",
                    "mw.registry.rate-limit", "8");
        }
    }

    @Inject
    WorkerRegistry registry;

    @Test
    void guardsRejectWithClearProblems() {
        MasterApi.clear(registry);
        authorized().body(Map.of("id", "w0", "group", "am", "url", "http://127.0.0.1:9001"))
                .post("/api/workers").then().statusCode(201);
        authorized().body(Map.of("id", "w1", "group", "am", "url", "http://127.0.0.1:9002"))
                .post("/api/workers").then().statusCode(409).contentType("application/problem+json")
                .body("title", is("Group full"));
        authorized().body(Map.of("id", "w2", "group", "nz", "url", "http://10.9.9.9:9003"))
                .post("/api/workers").then().statusCode(400)
                .body("detail", containsString("is not the caller's address"));
        // the burst is 4 (half the per-minute rate); three were spent above
        authorized().body(Map.of("id", "w0", "group", "am", "url", "http://127.0.0.1:9001"))
                .post("/api/workers").then().statusCode(200);
        authorized().body(Map.of("id", "w0", "group", "am", "url", "http://127.0.0.1:9001"))
                .post("/api/workers").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json").body("title", is("Too many registrations"));
    }
}
