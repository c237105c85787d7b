package dev.mw.e2e.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Generates hostile HTTP/1.1 requests from a seed: random and malformed query strings, Unicode
 * and control characters, over-long and repeated parameters, bad JSON, wrong content types,
 * oversized bodies, unknown methods and paths, junk headers.
 */
final class RequestFuzzer {

    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
        "TRACE", "FOO", "get", ""};
    private static final String[] PATHS = {"/api/records", "/api/records", "/api/records", "/api/workers",
        "/api/workers/%s/heartbeat", "/api/workers/%s", "/api/groups", "/api/load", "/", "/q/health/ready",
        "/q/metrics", "/api/%s", "/%s", "/api/records/%s", "//api//records", "/api/../api/records", "*",
        "/api/records/batch", "/api/records/batch"};
    private static final String[] KEYS = {"name", "location", "year", "allowPartial", "name", "location", "nme", "",
        "name[]", "%00", "NAME", "year%20"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "text/plain",
        "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "*/*",
        "application/json; charset=utf-16", "garbage"};
    private static final String[] JSON_BODIES = {"{\"id\":\"w1\",\"group\":\"am\",\"url\":\"http://127.0.0.1:1\"}",
        "{\"id\":%s,\"group\":%s,\"url\":%s}", "{\"inFlight\":%s,\"served\":%s}", "{", "[]", "null", "\"x\"", "{}",
        "{\"id\":\"a\",\"group\":\"am\",\"url\":\"javascript:alert(1)\"}", "{\"inFlight\":-1,\"served\":1e400}",
        "{\"id\":\"" + "a".repeat(70) + "\",\"group\":\"am\",\"url\":\"http://h:1\"}", "{\"a\":" + "[".repeat(2000) + "}",
        "{\"queries\":[{\"name\":%s},{\"location\":%s,\"year\":%s}]}", "{\"queries\":[]}", "{\"queries\":[%s]}",
        "{\"queries\":[{\"id\":%s,\"name\":\"alice\"}],\"queries\":[]}", "{\"queries\":[{\"year\":1e400}]}",
        "{\"queries\":[" + "{\"name\":\"alice\"},".repeat(64) + "{\"name\":\"zen\"}]}"};
    private static final String[] VALUES = {"alice", "Kansas City", "2002", "-1", "10000", "0x10", "1e3", "",
        " ", "%", "%zz", "%C3%89mile", "%E2%80%AE", "%00", "%0d%0aSet-Cookie:x", "%F0%9F%98%80", "%ff%fe",
        "true", "false", "null", "../../etc/passwd", "<script>", "'; DROP TABLE", "%25%32%35"};

    private final Random random;
    private final String token;

    RequestFuzzer(long seed, String token) {
        this.random = new Random(seed);
        this.token = token;
    }

    byte[] next() {
        String method = pick(METHODS);
        String path = String.format(pick(PATHS), junk(random.nextInt(12)));
        String query = random.nextInt(5) == 0 ? "" : "?" + query();
        if (random.nextInt(200) == 0) {
            query = "?name=" + "a".repeat(20_000 + random.nextInt(20_000));
        }
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(query).append(' ')
                .append(random.nextInt(40) == 0 ? "HTTP/9.9" : "HTTP/1.1").append("\r\n");
        head.append("Host: 127.0.0.1\r\n");
        head.append("Connection: close\r\n");
        if (random.nextBoolean()) {
            head.append("Authorization: ").append(random.nextInt(3) == 0 ? "Bearer " + token : "Bearer " + junk(20))
                    .append("\r\n");
        }
        if (random.nextInt(4) == 0) {
            head.append("X-Request-Id: ").append(junk(random.nextInt(300))).append("\r\n");
        }
        if (random.nextInt(10) == 0) {
            head.append(junk(8)).append(": ").append(junk(30)).append("\r\n");
        }
        byte[] body = body(method);
        if (body.length > 0 || random.nextInt(3) == 0) {
            head.append("Content-Type: ").append(pick(CONTENT_TYPES)).append("\r\n");
            int declared = random.nextInt(20) == 0 ? body.length + random.nextInt(100) - 50 : body.length;
            head.append("Content-Length: ").append(Math.max(0, declared)).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private String query() {
        StringBuilder q = new StringBuilder();
        for (int i = random.nextInt(6); i >= 0; i--) {
            if (q.length() > 0) {
                q.append(random.nextInt(10) == 0 ? ";" : "&");
            }
            q.append(pick(KEYS));
            if (random.nextInt(8) != 0) {
                q.append('=').append(random.nextBoolean() ? pick(VALUES) : encodedJunk(random.nextInt(30)));
            }
        }
        return q.toString();
    }

    private byte[] body(String method) {
        int kind = random.nextInt(10);
        if (method.equals("GET") && kind < 7) {
            return new byte[0];
        }
        if (kind == 0) {
            byte[] big = new byte[200_000 + random.nextInt(2_000_000)];
            random.nextBytes(big);
            return big;
        }
        if (kind < 3) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            return bytes;
        }
        String json = pick(JSON_BODIES);
        if (json.contains("%s")) {
            json = String.format(json, jsonValue(), jsonValue(), jsonValue());
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private String jsonValue() {
        return switch (random.nextInt(6)) {
            case 0 -> "\"" + junk(random.nextInt(20)).replace("\\", "").replace("\"", "") + "\"";
            case 1 -> String.valueOf(random.nextLong());
            case 2 -> "null";
            case 3 -> "[1,2]";
            case 4 -> "{\"x\":1}";
            default -> "\"http://127.0.0.1:" + random.nextInt(70_000) + "\"";
        };
    }

    /** Printable junk, Unicode included, safe to put in a request line or header. */
    private String junk(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = switch (random.nextInt(4)) {
                case 0 -> 0x21 + random.nextInt(0x5e);
                case 1 -> 'a' + random.nextInt(26);
                case 2 -> 0xa1 + random.nextInt(0x2000);
                default -> "-_.~".charAt(random.nextInt(4));
            };
            if (c == '?' || c == '#' || c == '%' || c == ' ' || c == ':') {
                c = 'x';
            }
            sb.appendCodePoint(c);
        }
        return sb.toString();
    }

    private String encodedJunk(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append('%').append(String.format("%02X", random.nextInt(256)));
        }
        return sb.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
