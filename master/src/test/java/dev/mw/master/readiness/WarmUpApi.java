package dev.mw.master.readiness;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the warm-up tests do over HTTP: register workers, read the readiness check and the warm-up counters. */
final class WarmUpApi {

    private WarmUpApi() {
    }

    /** A worker at {@code url}; its id starts with its group. */
    static void register(String id, String url) {
        given().header("Authorization", "Bearer test-token").contentType(ContentType.JSON)
                .body(Map.of("id", id, "group", id.substring(0, 2), "url", url))
                .post("/api/workers").then().statusCode(201);
    }

    /** The URL of a fake worker served by the test application ({@code FakeWorkerResource}). */
    static String fakeWorker(String id) {
        return "http://localhost:" + RestAssured.port + "/fake-workers/" + id;
    }

    /** The {@code groups} check of {@code /q/health/ready}, whatever its status. */
    static JsonPath groupsCheck() {
        JsonPath ready = given().get("/q/health/ready").then().extract().jsonPath();
        return ready.setRootPath("checks.find { it.name == 'groups' }");
    }

    static boolean ready() {
        return "UP".equals(groupsCheck().getString("status"));
    }

    /** {@code mw_master_warmup_queries_total} of one outcome, 0 when absent. */
    static double warmUpQueries(String outcome) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^mw_master_warmup_queries_total\\{outcome=\"" + outcome + "\"} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
