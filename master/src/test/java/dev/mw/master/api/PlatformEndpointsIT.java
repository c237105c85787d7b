package dev.mw.master.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link PlatformEndpointsTest} against the packaged master (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class PlatformEndpointsIT extends PlatformEndpointsTest {
}
