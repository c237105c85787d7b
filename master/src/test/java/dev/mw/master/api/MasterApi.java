package dev.mw.master.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mw.master.registry.WorkerRegistry;
import dev.mw.master.support.FakeWorkerResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Helpers shared by the @QuarkusTest classes: register fake workers with the test token, send malformed URIs. */
public final class MasterApi {

    static final String TOKEN = "Bearer test-token";

    private MasterApi() {
    }

    static RequestSpecification authorized() {
        return given().header("Authorization", TOKEN).contentType(ContentType.JSON);
    }

    /** Registers a fake worker served by this test application; its id starts with its group. */
    public static void registerFake(String id) {
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

    public static void clear(WorkerRegistry registry) {
        registry.all().forEach(i -> registry.remove(i.id()));
        FakeWorkerResource.reset();
    }

    /** Sent through java.net.URL, which passes a malformed escape on as it is; RestAssured refuses to send one. */
    static void assertMalformed(String target, String detail) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://localhost:" + RestAssured.port + target)
                .openConnection();
        assertEquals(400, connection.getResponseCode());
        assertEquals("application/problem+json", connection.getContentType());
        try (InputStream body = connection.getErrorStream()) {
            JsonPath problem = JsonPath.from(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(400, problem.getInt("status"));
            assertEquals(detail, problem.getString("detail"));
        }
    }
}
