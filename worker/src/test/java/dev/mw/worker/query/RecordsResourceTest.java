package dev.mw.worker.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** /api/records on the shipped am data (see %test.mw.data-file). */
@QuarkusTest
class RecordsResourceTest {

    @Test
    void answersWithGroupWorkerAndRecordsExactlyAsInTheFile() {
        given().queryParam("name", "alice")
                .when().get("/api/records")
                .then().statusCode(200)
                .contentType("application/json")
                .body(equalTo("{\"group\":\"am\",\"worker\":\"worker-am-test\",\"records\":"
                        + "[{\"record_id\":2,\"name\":\"alice\",\"location\":\"New York City\",\"year\":2002}]}"));
    }

    @ParameterizedTest(name = "name={0} location={1} year={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "alice         | -              | -    | 2",
        "'  ALICE '    | -              | -    | 2",
        "Émile         | -              | -    | 21",
        "émile         | -              | -    | 21",
        "-             | Kansas City    | -    | 4,12",
        "-             | ' kansas CITY' | -    | 4,12",
        "-             | -              | 2002 | 2,4,23,24",
        "-             | Kansas City    | 2002 | 4",
        "-             | New York City  | 2002 | 2",
        "-             | new york city  | 2011 | 22",
        "bill          | Kansas City    | -    | 4",
        "deep          | -              | 2022 | 12",
        "bill          | Kansas City    | 2002 | 4",
    })
    void findsByEveryFilterAndCombination(String name, String location, String year, String ids) {
        Integer[] expected = Arrays.stream(ids.split(",")).map(Integer::valueOf).toArray(Integer[]::new);

        query(name, location, year).statusCode(200).body("records.record_id", contains(expected));
    }

    @ParameterizedTest(name = "name={0} location={1} year={2} -> none")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "zed   | -           | -",
        "emile | -           | -",
        "bill  | -           | 2022",
        "alice | Kansas City | -",
        "-     | Kansas      | -",
        "-     | Paris       | 2002",
        "-     | -           | 0",
    })
    void answersNoRecordsWithA200(String name, String location, String year) {
        query(name, location, year).statusCode(200).body("group", is("am")).body("records", empty());
    }

    @Test
    void noFilterIsA400() {
        badRequest(Map.of(), "Give at least one filter: name, location or year.");
    }

    @ParameterizedTest(name = "{0}=\"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "name     | ''     | '\"name\" must not be empty.'",
        "name     | '   '  | '\"name\" must not be empty.'",
        "location | ''     | '\"location\" must not be empty.'",
        "year     | ''     | '\"year\" must be an integer 0..9999, was \"\".'",
        "year     | abc    | '\"year\" must be an integer 0..9999, was \"abc\".'",
        "year     | 10000  | '\"year\" must be an integer 0..9999, was \"10000\".'",
        "year     | -1     | '\"year\" must be an integer 0..9999, was \"-1\".'",
        "year     | 20.5   | '\"year\" must be an integer 0..9999, was \"20.5\".'",
        "nmae     | alice  | 'Unknown query parameter \"nmae\"; the filters are name, location and year.'",
    })
    void invalidParameterIsA400(String parameter, String value, String detail) {
        badRequest(Map.of(parameter, value), detail);
    }

    @Test
    void overLongTextIsA400() {
        badRequest(Map.of("name", "x".repeat(257)), "\"name\" must be at most 256 characters, was 257.");
        badRequest(Map.of("location", "y".repeat(1000)), "\"location\" must be at most 256 characters, was 1000.");
        query("x".repeat(256), null, null).statusCode(200).body("records", empty());
    }

    @Test
    void repeatedFilterIsA400() {
        given().queryParam("name", "alice", "bill")
                .when().get("/api/records")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", is("\"name\" given more than once; give each filter at most once."));
    }

    @Test
    void unknownParameterIsA400EvenBesideValidFilters() {
        given().queryParam("name", "alice").queryParam("allowPartial", "false")
                .when().get("/api/records")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("\"allowPartial\""));
    }

    @Test
    void unknownPathIsAProblemToo() {
        given().when().get("/api/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404));
    }

    @Test
    void aMalformedRequestUriIsAProblem400SayingWhere() throws IOException {
        assertInvalid("/api/records?location=Kansas%2",
                "the request URI is not valid: Malformed escape pair at index 28");
        assertInvalid("/api/rec%ords", "the request URI is not valid: Malformed escape pair at index 8");
        given().urlEncodingEnabled(false)
                .when().get("/api/records?name=%61lice")
                .then().statusCode(200)
                .body("records.record_id", contains(2));
    }

    /** Sent through java.net.URL, which passes a malformed escape on as it is; RestAssured refuses to send one. */
    private static void assertInvalid(String target, String detail) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://localhost:" + RestAssured.port + target)
                .openConnection();
        assertEquals(400, connection.getResponseCode());
        assertEquals("application/problem+json", connection.getContentType());
        try (InputStream body = connection.getErrorStream()) {
            JsonPath problem = JsonPath.from(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("urn:mw:problem:invalid-request", problem.getString("type"));
            assertEquals(detail, problem.getString("detail"));
        }
    }

    private static void badRequest(Map<String, String> params, String detail) {
        given().queryParams(params)
                .when().get("/api/records")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("urn:mw:problem:invalid-query"))
                .body("title", is("Invalid query"))
                .body("status", is(400))
                .body("detail", is(detail));
    }

    private static ValidatableResponse query(String name, String location, String year) {
        var request = given();
        if (name != null) {
            request.queryParam("name", name);
        }
        if (location != null) {
            request.queryParam("location", location);
        }
        if (year != null) {
            request.queryParam("year", year);
        }
        return request.when().get("/api/records").then();
    }
}
