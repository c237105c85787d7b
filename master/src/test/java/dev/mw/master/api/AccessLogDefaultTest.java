package dev.mw.master.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The shipped default is fast: no access-log line per request (it cost about a quarter of the
 * name-query throughput, bench/README.md). quarkus.http.access-log.enabled=true switches it on,
 * with the request id in every line.
 */
@QuarkusTest
class AccessLogDefaultTest {

    private static final String KEY = "quarkus.http.access-log.enabled";

    @Test
    void accessLogIsOffByDefaultAndNoProfileHidesTheDefault() {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        assertFalse(config.getValue(KEY, Boolean.class), KEY + " must be false by default");
        ConfigValue value = config.getConfigValue(KEY);
        // the value the tests see is the unprofiled one, so it is the one every profile ships
        assertEquals(KEY, value.getNameProfiled(), "a profile overrides " + KEY + ": " + value.getSourceName());
        assertTrue(value.getSourceName().contains("application.properties"), value.getSourceName());
    }

    @Test
    void switchedOnItLogsTheRequestId() {
        String pattern = ConfigProvider.getConfig().getValue("quarkus.http.access-log.pattern", String.class);
        assertTrue(pattern.contains("rid=%{i,X-Request-Id}"), pattern);
    }
}
