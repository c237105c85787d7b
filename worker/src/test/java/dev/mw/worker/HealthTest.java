package dev.mw.worker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Readiness with the tests' fake master; {@link ProbesTest} has what needs no master. */
@QuarkusTest
class HealthTest {

    @Test
    void readyOnceDataIsLoadedAndRegisteredWithAMaster() {
        Eventually.holds(Duration.ofSeconds(30),
                () -> given().get("/q/health/ready").statusCode() == 200, "ready");

        given().get("/q/health/ready").then()
                .body("status", is("UP"))
                .body("checks.find { it.name == 'data' }.data.records", is(8))
                .body("checks.find { it.name == 'data' }.data.group", is("am"))
                .body("checks.find { it.name == 'registration' }.status", is("UP"))
                // the first master is the fake one of the tests; the second never answers
                .body("checks.find { it.name == 'registration' }.data.'http://127.0.0.1:9'", is("REGISTERING"))
                .body("checks.name", hasItem("registration"));
    }
}
