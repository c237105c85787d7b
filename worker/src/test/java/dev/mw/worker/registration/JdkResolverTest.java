package dev.mw.worker.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The REST client to the masters runs on Quarkus' Vert.x, which must resolve names through the
 * JDK, whose cache {@link DnsCache} shortens: with its own asynchronous resolver it would keep
 * answers by their DNS TTL instead.
 */
@QuarkusTest
class JdkResolverTest {

    @Test
    void vertxResolvesThroughTheJdk() {
        assertEquals("true", System.getProperty("vertx.disableDnsResolver"),
                "quarkus.vertx.use-async-dns must stay false");
    }
}
