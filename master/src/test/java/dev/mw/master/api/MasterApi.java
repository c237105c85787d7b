package dev.mw.master.api;

import static io.restassured.RestAssured.given;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Helpers shared by the @QuarkusTest classes: register fake workers with the test token. */
final class MasterApi {

    static final String TOKEN = "Bearer test-token";

    private MasterApi() {
    }

    static RequestSpecification authorized() {
        return given().header("Authorization", TOKEN).contentType(ContentType.JSON);
    }

    /** Registers a fake worker served by this test application; its id starts with its group. */
    static void registerFake(String id) {
        String url = "http://localhost:" + RestAssured.port + "/fake-workers/" + id;
        authorized().body(Map.of("id", id, "group", id.substring(0, 2), "url", url))
                .post("/api/workers").then().statusCode(201);
    }

    /**
     * Deregisters every instance over HTTP: for tests that also run against the packaged
     * application ({@code @QuarkusIntegrationTest}), where no bean can be injected.
     */
    static void deregisterAll() {
        for (String id : given().get("/api/workers").then().statusCode(200).extract().jsonPath().getList("id", String.class)) {
            given().header("Authorization", TOKEN).delete("/api/workers/" + id).then().statusCode(204);
        }
    }

    static void clear(WorkerRegistry registry) {
        registry.all().forEach(i -> registry.remove(i.id()));
        FakeWorkerResource.reset();
    }
}
