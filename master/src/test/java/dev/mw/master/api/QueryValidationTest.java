package dev.mw.master.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/records} answers that need no worker: bad queries, other methods, malformed
 * URIs, and a query while no worker is registered. Over HTTP only, so that
 * {@link QueryValidationIT} runs it against the packaged master too.
 */
@QuarkusTest
class QueryValidationTest {

    @BeforeEach
    void noWorkers() {
        MasterApi.deregisterAll();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "                                     | at least one filter",
        "name=                                | 'name' must not be empty",
        "location=%20%20                      | 'location' must not be empty",
        "year=abc                             | 'year' must be an integer from 0 to 9999",
        "year=10000                           | 'year' must be an integer from 0 to 9999",
        "year=-1                              | 'year' must be an integer from 0 to 9999",
        "name=7of9                            | no group owns names starting with '7'",
        "name=%C3%98yvind                     | no group owns names starting with 'ø'",
        "name=a&name=b                        | 'name' is given more than once",
        "nmae=alice                           | unknown parameter 'nmae'",
        "location=x&allowPartial=perhaps      | 'allowPartial' must be true or false",
    })
    void badQueriesAreProblem400s(String query, String detail) {
        given().urlEncodingEnabled(false).get("/api/records" + (query == null ? "" : "?" + query)).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400)).body("title", is("Bad request"))
                .body("detail", containsString(detail));
    }

    @Test
    void overlongTextIsA400() {
        given().queryParam("name", "a".repeat(257)).get("/api/records").then().statusCode(400)
                .body("detail", containsString("longer than 256"));
    }

    @Test
    void otherMethodsAreProblem405s() {
        given().body("{}").post("/api/records?name=bill").then().statusCode(405)
                .header("Allow", "GET, HEAD").contentType("application/problem+json").body("status", is(405));
        given().delete("/api/records").then().statusCode(405).header("Allow", "GET, HEAD");
    }

    @Test
    void queriesWhileNoWorkerIsRegisteredAre503sNamingTheGroups() {
        given().queryParam("name", "zen").get("/api/records").then().statusCode(503)
                .contentType("application/problem+json")
                .body("title", is("Worker group unavailable"))
                .body("detail", equalTo("group 'nz': no worker of group 'nz' is registered"));
        given().queryParam("location", "Kansas City").get("/api/records").then().statusCode(503)
                .body("detail", containsString("group 'am'")).body("detail", containsString("group 'nz'"));
    }

    @Test
    void aMalformedRequestUriIsAProblem400SayingWhere() throws IOException {
        MasterApi.assertMalformed("/api/records?name=%zz", "the request URI is not valid: Malformed escape pair at index 18");
        // a path the router cannot decode gets the same check and words as a query
        MasterApi.assertMalformed("/api/work%ers", "the request URI is not valid: Malformed escape pair at index 9");
    }
}
