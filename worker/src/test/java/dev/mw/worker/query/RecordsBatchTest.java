package dev.mw.worker.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mw.common.query.QueryLimits;
import dev.mw.common.registration.Load;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** POST /api/records/batch on the shipped am data: each query answered as GET /api/records answers it. */
@QuarkusTest
class RecordsBatchTest {

    private static final String ALICE = "{\"record_id\":2,\"name\":\"alice\",\"location\":\"New York City\",\"year\":2002}";
    private static final String BILL = "{\"record_id\":4,\"name\":\"bill\",\"location\":\"Kansas City\",\"year\":2002}";

    @Test
    void answersWithGroupWorkerAndOneAnswerPerQueryExactly() {
        batch("{\"queries\":[{\"id\":\"rid-1\",\"name\":\"alice\"},{\"id\":\"rid-2\",\"location\":\"Kansas City\",\"year\":2002}]}")
                .statusCode(200)
                .contentType("application/json")
                .body(equalTo("{\"group\":\"am\",\"worker\":\"worker-am-test\",\"answers\":"
                        + "[{\"records\":[" + ALICE + "]},{\"records\":[" + BILL + "]}]}"));
    }

    @Test
    void answersEachQueryInOrderAsTheGetDoes() {
        List<Map<String, Object>> queries = List.of(
                query("name", "alice"),
                query("name", "  ALICE "),
                query("name", "Émile"),
                query("name", "émile"),
                query("location", " kansas CITY"),
                query("location", "Kansas City", "year", 2002),
                query("location", "new york city", "year", 2011),
                query("year", 2002),
                query("name", "bill", "location", "Kansas City", "year", 2002),
                query("name", "deep", "year", 2022),
                query("name", "zed"),
                query("year", 0));

        JsonPath answer = batch(queries).statusCode(200).extract().jsonPath();

        assertEquals(queries.size(), answer.getList("answers").size());
        for (int i = 0; i < queries.size(); i++) {
            List<Object> expected = get(queries.get(i)).statusCode(200).extract().jsonPath().getList("records");
            assertEquals(expected, answer.getList("answers[" + i + "].records"), "query " + i + ": " + queries.get(i));
        }
        assertEquals(List.of(21), answer.getList("answers[2].records.record_id"), "the unicode name is found");
    }

    @Test
    void anInvalidQueryIsRefusedAloneAsTheGetRefusesIt() {
        batch("{\"queries\":[{\"name\":\"alice\"},{\"id\":\"rid-2\",\"year\":10000},{\"name\":\"bill\"}]}")
                .statusCode(200)
                .body("answers", hasSize(3))
                .body("answers[0].records.record_id", is(List.of(2)))
                .body("answers[1]", not(hasKey("records")))
                .body("answers[1].status", is(400))
                .body("answers[1].detail", is(getRefusal(Map.of("year", "10000"))))
                .body("answers[1].detail", is("\"year\" must be an integer 0..9999, was \"10000\"."))
                .body("answers[2].records.record_id", is(List.of(4)));
    }

    @Test
    void everyRefusalHasTheGetsDetail() {
        String x257 = "x".repeat(QueryLimits.MAX_TEXT_LENGTH + 1);
        Map<String, Map<String, Object>> entryAndGet = new LinkedHashMap<>();
        entryAndGet.put("{}", Map.of());
        entryAndGet.put("{\"id\":\"only-an-id\"}", Map.of());
        entryAndGet.put("{\"name\":null,\"year\":null}", Map.of());
        entryAndGet.put("{\"name\":\"   \"}", Map.of("name", "   "));
        entryAndGet.put("{\"location\":\"\"}", Map.of("location", ""));
        entryAndGet.put("{\"name\":\"" + x257 + "\"}", Map.of("name", x257));
        entryAndGet.put("{\"year\":-1}", Map.of("year", "-1"));
        entryAndGet.put("{\"year\":99999999999999}", Map.of("year", "99999999999999"));
        entryAndGet.put("{\"name\":\"alice\",\"year\":12345}", Map.of("name", "alice", "year", "12345"));

        JsonPath answer = batch("{\"queries\":[" + String.join(",", entryAndGet.keySet()) + "]}")
                .statusCode(200).extract().jsonPath();

        int i = 0;
        for (Map.Entry<String, Map<String, Object>> entry : entryAndGet.entrySet()) {
            assertEquals(400, answer.getInt("answers[" + i + "].status"), entry.getKey());
            assertEquals(getRefusal(entry.getValue()), answer.getString("answers[" + i + "].detail"), entry.getKey());
            i++;
        }
    }

    static Stream<Arguments> notABatch() {
        String shape = "{\"queries\": [...]} with 1..64 queries";
        return Stream.of(
                Arguments.of("", "The body is empty; send " + shape + "."),
                Arguments.of("  ", "The body is empty; send " + shape + "."),
                Arguments.of("[]", "The body must be a JSON object " + shape + ", was an array."),
                Arguments.of("\"queries\"", "The body must be a JSON object " + shape + ", was \"queries\"."),
                Arguments.of("{}", "\"queries\" is missing; send " + shape + "."),
                Arguments.of("{\"queries\":{\"name\":\"alice\"}}", "\"queries\" must be an array of 1..64 queries, was an object."),
                Arguments.of("{\"queries\":null}", "\"queries\" must be an array of 1..64 queries, was null."),
                Arguments.of("{\"queries\":[]}", "\"queries\" is empty; a batch has 1..64 queries."),
                Arguments.of("{\"queries\":[{\"name\":\"alice\"}],\"limit\":1}", "Unknown field \"limit\"; a batch has only \"queries\"."),
                Arguments.of("{\"queries\":[{\"name\":\"alice\"}],\"queries\":[{\"name\":\"bill\"}]}", "\"queries\" given more than once."),
                Arguments.of("{\"queries\":[{\"name\":\"alice\"},\"bill\"]}",
                        "queries[1] must be an object of id, name, location and year, was \"bill\"."),
                Arguments.of("{\"queries\":[{\"name\":\"alice\"},null]}",
                        "queries[1] must be an object of id, name, location and year, was null."),
                Arguments.of("{\"queries\":[{\"name\":\"alice\",\"nmae\":\"bill\"}]}",
                        "queries[0]: unknown field \"nmae\"; a query has id, name, location and year."),
                Arguments.of("{\"queries\":[{\"name\":\"alice\",\"name\":\"bill\"}]}", "queries[0]: \"name\" given more than once."),
                Arguments.of("{\"queries\":[{\"name\":\"alice\"},{\"year\":\"x\"}]}", "queries[1]: \"year\" must be an integer, was \"x\"."),
                Arguments.of("{\"queries\":[{\"year\":\"2002\"}]}", "queries[0]: \"year\" must be an integer, was \"2002\"."),
                Arguments.of("{\"queries\":[{\"year\":2002.5}]}", "queries[0]: \"year\" must be an integer, was 2002.5."),
                Arguments.of("{\"queries\":[{\"name\":5}]}", "queries[0]: \"name\" must be a string, was 5."),
                Arguments.of("{\"queries\":[{\"location\":[\"Paris\"]}]}", "queries[0]: \"location\" must be a string, was an array."),
                Arguments.of("{\"queries\":[{\"id\":7,\"name\":\"alice\"}]}", "queries[0]: \"id\" must be a string, was 7."),
                Arguments.of("{\"queries\":[{\"id\":\"" + "r".repeat(201) + "\",\"name\":\"alice\"}]}",
                        "queries[0]: \"id\" must be at most 200 characters, was 201."),
                Arguments.of("{\"queries\":[{\"name\":\"alice\"}]} {}", "Unexpected content after the body's object at line 1, column 32."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notABatch")
    void aBodyThatIsNotABatchIsA400(String body, String detail) {
        notABatch(body).body("detail", is(detail));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "queries", "{queries: []}", "{\"queries\":[{\"name\":\"alice\"}", "{\"queries\":[{\"name\":\"alice\"}]} x" })
    void aBodyThatIsNotJsonIsA400SayingWhere(String body) {
        notABatch(body).body("detail", startsWith("The body is not valid JSON at line 1, column "));
    }

    @Test
    void bytesThatAreNotUtf8AreNotJson() {
        byte[] body = "{\"queries\":[{\"name\":\"al\u00ffce\"}]}".getBytes(StandardCharsets.ISO_8859_1);

        given().contentType("application/json").body(body)
                .when().post("/api/records/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("The body is not valid JSON at line 1, column "));
    }

    @Test
    void queryParametersAreA400() {
        given().contentType("application/json").queryParam("name", "alice").body("{\"queries\":[{\"name\":\"bill\"}]}")
                .when().post("/api/records/batch")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", is("A batch takes no query parameters; give the queries in the body."));
    }

    @Test
    void aMalformedRequestUriIsTheSameProblemForAPost() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://localhost:" + RestAssured.port
                + "/api/records/batch?%zz").openConnection();
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        try (OutputStream body = connection.getOutputStream()) {
            body.write("{\"queries\":[{\"name\":\"alice\"}]}".getBytes(StandardCharsets.UTF_8));
        }

        assertEquals(400, connection.getResponseCode());
        assertEquals("application/problem+json", connection.getContentType());
        try (InputStream problem = connection.getErrorStream()) {
            assertEquals("the request URI is not valid: Malformed escape pair at index 19",
                    JsonPath.from(new String(problem.readAllBytes(), StandardCharsets.UTF_8)).getString("detail"));
        }
    }

    @Test
    void aBodyThatIsNotJsonByItsTypeIsA415() {
        given().contentType("text/plain").body("{\"queries\":[{\"name\":\"alice\"}]}")
                .when().post("/api/records/batch")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void takesUpToTheMaxBatchSize() {
        List<Map<String, Object>> queries = new ArrayList<>();
        for (int i = 0; i < QueryLimits.MAX_BATCH_SIZE; i++) {
            queries.add(query("id", "rid-" + i, "name", i % 2 == 0 ? "alice" : "bill"));
        }
        batch(queries).statusCode(200)
                .body("answers", hasSize(64))
                .body("answers[63].records.record_id", is(List.of(4)));

        queries.add(query("name", "alice"));
        notABatch(toJson(queries)).body("detail", is("\"queries\" has 65 queries; a batch has at most 64."));
    }

    @Test
    void servedGrowsByTheQueriesAnsweredWithRecords() {
        Load before = load();

        batch("{\"queries\":[{\"name\":\"alice\"},{\"year\":-5},{\"name\":\"zed\"},{\"location\":\"Kansas City\"}]}")
                .statusCode(200);
        assertEquals(new Load(0, before.served() + 3), load(), "a refused query is not served; one with no match is");

        notABatch("{\"queries\":[{\"name\":\"alice\"},{\"name\":5}]}");
        assertEquals(new Load(0, before.served() + 3), load(), "a batch refused as a whole serves nothing");
    }

    private static ValidatableResponse notABatch(String body) {
        return batch(body).statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("urn:mw:problem:invalid-batch"))
                .body("title", is("Invalid batch"))
                .body("status", is(400));
    }

    static ValidatableResponse batch(String body) {
        return given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/records/batch").then();
    }

    private static ValidatableResponse batch(List<Map<String, Object>> queries) {
        return batch(toJson(queries));
    }

    private static ValidatableResponse get(Map<String, ?> filters) {
        return given().queryParams(filters).when().get("/api/records").then();
    }

    /** The detail GET /api/records refuses these filters with. */
    private static String getRefusal(Map<String, ?> filters) {
        return get(filters).statusCode(400).extract().path("detail");
    }

    private static Load load() {
        return given().get("/api/load").then().statusCode(200).extract().as(Load.class);
    }

    private static Map<String, Object> query(Object... pairs) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put((String) pairs[i], pairs[i + 1]);
        }
        return query;
    }

    /** Written by hand, not by a mapper, so that the test sends the wire format as written. */
    private static String toJson(List<Map<String, Object>> queries) {
        return queries.stream().map(query -> query.entrySet().stream()
                        .map(field -> "\"" + field.getKey() + "\":" + (field.getValue() instanceof String text
                                ? "\"" + text + "\"" : field.getValue()))
                        .collect(Collectors.joining(",", "{", "}")))
                .collect(Collectors.joining(",", "{\"queries\":[", "]}"));
    }
}
