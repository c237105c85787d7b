package dev.mw.worker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The health answers that need no master: live, started, and the data part of readiness. Over
 * HTTP only, so that {@link ProbesIT} runs it against the packaged worker too.
 */
@QuarkusTest
class ProbesTest {

    @Test
    void liveAndStartedWhileRunning() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void readinessReportsTheLoadedData() {
        // 200 or 503: whether a master knows this worker yet is HealthTest's business
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'data' }.status", is("UP"))
                .body("checks.find { it.name == 'data' }.data.records", is(8))
                .body("checks.find { it.name == 'data' }.data.group", is("am"));
    }
}
