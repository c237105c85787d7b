package dev.mw.worker.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.mw.common.registration.Load;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LoadResourceTest {

    @Test
    void servedCountsOnlySuccessfulRecordsAnswers() {
        Load before = load();

        given().queryParam("name", "alice").get("/api/records").then().statusCode(200);
        given().queryParam("year", "2002").get("/api/records").then().statusCode(200);
        given().get("/api/load").then().statusCode(200);
        assertEquals(new Load(0, before.served() + 2), load());

        given().get("/api/records").then().statusCode(400);
        given().queryParam("year", "not-a-year").get("/api/records").then().statusCode(400);
        assertEquals(new Load(0, before.served() + 2), load(), "a 400 answer is not served");
    }

    @Test
    void answersInFlightAndServed() {
        given().get("/api/load").then().statusCode(200).contentType("application/json")
                .body("inFlight", is(0))
                .body("served", greaterThanOrEqualTo(0));
    }

    private static Load load() {
        return given().get("/api/load").then().statusCode(200).extract().as(Load.class);
    }
}
