package dev.mw.worker;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ObservabilityTest} against the packaged worker (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class ObservabilityIT extends ObservabilityTest {
}
