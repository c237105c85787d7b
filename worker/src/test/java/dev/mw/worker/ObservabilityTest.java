package dev.mw.worker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesRegex;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ObservabilityTest {

    @Test
    void metricsCountRecordsLookupsAndOutcomes() {
        given().queryParam("name", "alice").get("/api/records").then().statusCode(200);
        given().get("/api/records").then().statusCode(400);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mw_worker_records{group=\"am\"} 8.0"))
                .body(containsString("mw_worker_lookup_seconds_count"))
                .body(containsString("mw_worker_requests_in_flight"))
                .body(matchesRegex("(?s).*mw_worker_requests_total\\{outcome=\"ok\"} [1-9].*"))
                .body(matchesRegex("(?s).*mw_worker_requests_total\\{outcome=\"client_error\"} [1-9].*"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/records'.get.parameters.name", hasItems("name", "location", "year"))
                .body("paths.'/api/load'.get.summary", is("This worker's load"))
                .body("paths.'/api/records/batch'.post.summary", is("Answer several queries of this worker's group at once"))
                .body("paths.'/api/records/batch'.post.requestBody.content.'application/json'.schema.$ref",
                        endsWith("/BatchRequest"))
                .body("paths.'/api/records/batch'.post.responses.keySet()", hasItems("200", "400", "500"))
                .body("components.schemas.BatchQuery.properties.keySet()", hasItems("id", "name", "location", "year"));
    }
}
