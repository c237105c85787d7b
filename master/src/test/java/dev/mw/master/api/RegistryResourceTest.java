package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.authorized;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Over HTTP only, so that {@link RegistryResourceIT} runs it against the packaged master too. */
@QuarkusTest
class RegistryResourceTest {

    private static final Map<String, String> AM0 = Map.of("id", "worker-am-0", "group", "am", "url", "http://10.1.2.3:8081");

    @BeforeEach
    void empty() {
        MasterApi.deregisterAll();
    }

    @Test
    void registers201ThenRenews200() {
        authorized().body(AM0).post("/api/workers").then().statusCode(201)
                .header("Location", endsWith("/api/workers/worker-am-0"))
                .body("id", is("worker-am-0")).body("leaseSeconds", is(600)).body("heartbeatSeconds", is(200));
        authorized().body(AM0).post("/api/workers").then().statusCode(200).body("id", is("worker-am-0"));
    }

    @Test
    void listsInstancesAndGroups() {
        authorized().body(AM0).post("/api/workers").then().statusCode(201);
        given().get("/api/workers").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", is("worker-am-0")).body("[0].group", is("am")).body("[0].url", is("http://10.1.2.3:8081"))
                .body("[0].state", is("UP")).body("[0].inFlight", is(0)).body("[0].served", is(0))
                .body("[0].latencyMs", notNullValue()).body("[0].lastSeen", notNullValue());
        given().get("/api/groups").then().statusCode(200)
                .body("name", contains("am", "nz")).body("range", contains("a-m", "n-z"))
                .body("workers", contains(1, 0)).body("up", contains(1, 0));
    }

    @Test
    void heartbeatsRenewAndReportLoad() {
        authorized().body(AM0).post("/api/workers").then().statusCode(201);
        authorized().body(Map.of("inFlight", 2, "served", 12)).put("/api/workers/worker-am-0/heartbeat").then()
                .statusCode(200).body("leaseSeconds", is(600));
        given().get("/api/workers").then().body("[0].served", is(12)).body("[0].inFlight", is(2));
    }

    @Test
    void aHeartbeatForAnUnknownIdIs404() {
        authorized().body(Map.of("inFlight", 0, "served", 0)).put("/api/workers/ghost/heartbeat").then()
                .statusCode(404).contentType("application/problem+json").body("detail", containsString("register again"));
    }

    @Test
    void aHeartbeatWithNegativeLoadIs400() {
        authorized().body(AM0).post("/api/workers").then().statusCode(201);
        authorized().body(Map.of("inFlight", -1, "served", 0)).put("/api/workers/worker-am-0/heartbeat").then()
                .statusCode(400);
    }

    @Test
    void aHeartbeatsNegativeLoadIsAProblemThatSaysSo() {
        authorized().body(AM0).post("/api/workers").then().statusCode(201);
        authorized().body(Map.of("inFlight", 0, "served", -5)).put("/api/workers/worker-am-0/heartbeat").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("\"inFlight\" and \"served\" must not be negative"));
    }

    @Test
    void aHeartbeatsMissingFieldsCountAsZero() {
        authorized().body(AM0).post("/api/workers").then().statusCode(201);
        authorized().body(Map.of("served", 3)).put("/api/workers/worker-am-0/heartbeat").then().statusCode(200);
        given().get("/api/workers").then().body("[0].served", is(3)).body("[0].inFlight", is(0));
        authorized().body("{}").put("/api/workers/worker-am-0/heartbeat").then().statusCode(200);
    }

    @Test
    void deleteIs204EvenWhenAlreadyGone() {
        authorized().body(AM0).post("/api/workers").then().statusCode(201);
        authorized().delete("/api/workers/worker-am-0").then().statusCode(204);
        authorized().delete("/api/workers/worker-am-0").then().statusCode(204);
        given().get("/api/workers").then().body("", hasSize(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\":\"Worker_0\",\"group\":\"am\",\"url\":\"http://h:1\"} | is not a DNS label",
        "{\"id\":\"w0\",\"group\":\"xx\",\"url\":\"http://h:1\"}       | unknown group 'xx'",
        "{\"id\":\"w0\",\"group\":\"am\",\"url\":\"ftp://h:1\"}        | must be http or https",
        "{\"id\":\"w0\",\"group\":\"am\"}                              | \"url\" is required",
        "{bad json                                                     | not valid JSON",
        "[1, 2]                                                        | wrong shape",
        "''                                                            | a JSON body",
    })
    void badRegistrationsAre400s(String body, String detail) {
        authorized().body(body).post("/api/workers").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(detail));
        given().get("/api/workers").then().body("", hasSize(0));
    }

    @Test
    void registryWritesNeedTheToken() {
        given().contentType(ContentType.JSON).body(AM0).post("/api/workers").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(AM0)
                .post("/api/workers").then().statusCode(401);
        authorized().body(AM0).post("/api/workers").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("inFlight", 0, "served", 0))
                .put("/api/workers/worker-am-0/heartbeat").then().statusCode(401);
        given().delete("/api/workers/worker-am-0").then().statusCode(401);
        given().get("/api/workers").then().body("", hasSize(1));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        given().get("/api/nothing").then().statusCode(404).contentType("application/problem+json");
        given().patch("/api/workers").then().statusCode(405).contentType("application/problem+json");
        given().header("Authorization", MasterApi.TOKEN).contentType("text/plain").body("x")
                .post("/api/workers").then().statusCode(415).contentType("application/problem+json");
    }
}
