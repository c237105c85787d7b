package dev.mw.master.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlatformEndpointsTest {

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", is("UP"));
        // ready once every group has an UP worker (the tests' lease, 10 minutes, is far away)
        for (String id : new String[] {"worker-am-platform", "worker-nz-platform"}) {
            MasterApi.authorized().body(Map.of("id", id, "group", id.substring(7, 9), "url", "http://127.0.0.1:9"))
                    .post("/api/workers").then().statusCode(201);
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItem("groups"));
        for (String id : new String[] {"worker-am-platform", "worker-nz-platform"}) {
            given().header("Authorization", MasterApi.TOKEN).delete("/api/workers/" + id).then().statusCode(204);
        }
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/records"))
                .body(containsString("/api/workers"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/records'.get.responses.'400'.description", containsString("No filter"))
                .body("paths.'/api/records'.get.responses.'503'.description", containsString("Worker group unavailable"))
                .body("paths.'/api/records'.get.responses.'200'.content.'application/json'.schema.$ref",
                        is("#/components/schemas/QueryAnswer"))
                .body("components.schemas.QueryAnswer.properties.records.items.$ref", is("#/components/schemas/PersonRecord"))
                .body("components.schemas.PersonRecord.properties", org.hamcrest.Matchers.hasKey("record_id"))
                .body("paths.'/api/workers'.post.responses.'409'.description", containsString("max-per-group"))
                .body("paths.'/api/workers'.post.responses.'429'.description", containsString("Retry-After"))
                .body("paths.'/api/workers/{id}/heartbeat'.put.responses.'404'.description", containsString("register again"))
                .body("info.description", containsString("scattered"));
    }
}
