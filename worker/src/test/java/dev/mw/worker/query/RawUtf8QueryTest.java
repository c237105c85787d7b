package dev.mw.worker.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * A name typed as is: curl sends {@code ?name=Émile} as raw UTF-8 bytes. Written to a socket
 * byte for byte, since an HTTP client library may escape them first.
 */
@QuarkusTest
class RawUtf8QueryTest {

    @Test
    void rawUtf8IsAnsweredLikeItsPercentEncodedForm() throws IOException {
        Answer raw = get("/api/records?name=Émile".getBytes(StandardCharsets.UTF_8));
        Answer escaped = get("/api/records?name=%C3%89mile".getBytes(StandardCharsets.US_ASCII));

        assertEquals(200, escaped.status, escaped.body);
        assertEquals(200, raw.status, raw.body);
        assertEquals(escaped.body, raw.body);
        assertEquals("Émile", JsonPath.from(raw.body).getString("records[0].name"));
        assertEquals(21, JsonPath.from(raw.body).getInt("records[0].record_id"));
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
        assertEquals("urn:mw:problem:invalid-request", problem.getString("type"));
        assertEquals(detail, problem.getString("detail"));
    }

    private record Answer(int status, String contentType, String body) {
    }

    /** One HTTP/1.0 request (no chunked answer), the target's bytes exactly as given. */
    private static Answer get(byte[] target) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write("GET ".getBytes(StandardCharsets.US_ASCII));
            request.write(target);
            request.write(" HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headersEnd);
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("");
            return new Answer(Integer.parseInt(head.split(" ")[1]), contentType, response.substring(headersEnd + 4));
        }
    }
}
