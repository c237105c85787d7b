package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.authorized;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.mw.master.registry.WorkerRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With mw.registry.verify-source on, a registration is validated before its host is resolved. */
@QuarkusTest
@TestProfile(VerifySourceTest.VerifySource.class)
class VerifySourceTest {

    public static class VerifySource implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mw.registry.verify-source", "true");
        }
    }

    @Inject
    WorkerRegistry registry;

    @BeforeEach
    void empty() {
        MasterApi.clear(registry);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://a b:8081        | is not a URL",
        "http://[::1:8081       | is not a URL",
        "http:///api            | has no host",
        "http://:8081           | \"url\"",
        "http://under_score:81  | has no host",
        "ftp://127.0.0.1:8081   | must be http or https",
    })
    void aBadUrlIsA400NamingTheField(String url, String detail) {
        authorized().body(Map.of("id", "w0", "group", "am", "url", url))
                .post("/api/workers").then().statusCode(400).contentType("application/problem+json")
                .body("status", is(400)).body("detail", containsString("\"url\""))
                .body("detail", containsString(detail));
        given().get("/api/workers").then().body("", hasSize(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Worker_0 | am | is not a DNS label",
        "w0       | xx | unknown group 'xx'",
    })
    void theRestOfTheRegistrationIsCheckedBeforeTheSource(String id, String group, String detail) {
        authorized().body(Map.of("id", id, "group", group, "url", "http://10.9.9.9:8081"))
                .post("/api/workers").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(detail));
    }
}
