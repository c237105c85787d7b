package dev.mw.master.api;

import static dev.mw.master.api.MasterApi.registerFake;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mw.master.registry.WorkerRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A name typed as is: curl sends {@code ?name=Émile} as raw UTF-8 bytes. Written to a socket
 * byte for byte, since an HTTP client library may escape them first.
 */
@QuarkusTest
class RawUtf8QueryTest {

    @Inject
    WorkerRegistry registry;

    @BeforeEach
    void oneReplicaPerGroup() {
        MasterApi.clear(registry);
        registerFake("am-0");
        registerFake("nz-0");
    }

    @Test
    void rawUtf8IsDecodedAsItsPercentEncodedFormIs() throws IOException {
        Answer raw = get("/api/records?name=Émile".getBytes(StandardCharsets.UTF_8));
        Answer escaped = get("/api/records?name=%C3%89mile".getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, escaped.status, escaped.body);
        assertEquals(200, raw.status, raw.body);
        assertEquals(JsonPath.from(escaped.body).getList("records"), JsonPath.from(raw.body).getList("records"));
        assertEquals("am", JsonPath.from(raw.body).getString("shards.details[0].group"));

        // read byte by byte as Latin-1, 'Ω' (CE A9) would be 'Î', folded to 'i' in group am; the detail names it lower-cased
        Answer omega = get("/api/records?name=Ωmega".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, omega.status, omega.body);
        assertEquals("no group owns names starting with 'ω' (U+03C9)", JsonPath.from(omega.body).getString("detail"));
        assertEquals(omega.body, get("/api/records?name=%CE%A9mega".getBytes(StandardCharsets.US_ASCII)).body);
    }

    @Test
    void malformedUtf8IsAProblem400SayingWhere() throws IOException {
        assertInvalid(new byte[] {'/', 'a', 'p', 'i', '/', 'r', 'e', 'c', 'o', 'r', 'd', 's', '?', 'n', 'a', 'm', 'e', '=', (byte) 0xC3},
                "the request URI is not valid: Malformed UTF-8 at index 18");
        assertInvalid(new byte[] {'/', 'a', 'p', 'i', '/', 'r', 'e', 'c', 'o', 'r', 'd', 's', '?', 'n', 'a', 'm', 'e', '=', 'a', (byte) 0xFF},
                "the request URI is not valid: Malformed UTF-8 at index 19");
        assertInvalid("/api/records?name=a%FF".getBytes(StandardCharsets.US_ASCII),
                "the request URI is not valid: Malformed UTF-8 at index 19");
    }

    private static void assertInvalid(byte[] target, String detail) throws IOException {
        Answer answer = get(target);
        assertEquals(400, answer.status, answer.body);
        assertEquals("application/problem+json", answer.contentType, answer.body);
        JsonPath problem = JsonPath.from(answer.body);
        assertEquals(400, problem.getInt("status"));
        assertEquals(detail, problem.getString("detail"));
    }

    private record Answer(int status, String contentType, String body) {
    }

    /** One HTTP/1.0 request (no chunked answer), the target's bytes exactly as given. */
    private static Answer get(byte[] target) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write("GET ".getBytes(StandardCharsets.US_ASCII));
            request.write(target);
            request.write(" HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(request.toByteArray());
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headersEnd);
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
            return new Answer(Integer.parseInt(head.split(" ")[1]), contentType, response.substring(headersEnd + 4));
        }
    }
}
