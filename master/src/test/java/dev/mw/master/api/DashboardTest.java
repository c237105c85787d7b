package dev.mw.master.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The dashboard is served by the master itself, with no asset from the internet. */
@QuarkusTest
class DashboardTest {

    @Test
    void theDashboardAndItsAssetsAreServedLocally() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("id=\"workers\"")).body(containsString("id=\"query-form\""))
                .body(not(containsString("http://"))).body(not(containsString("https://")));
        given().get("/dashboard.js").then().statusCode(200).body(containsString("/api/workers"))
                .body(not(containsString("https://")));
        given().get("/dashboard.css").then().statusCode(200);
    }
}
