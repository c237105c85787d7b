package dev.mw.worker;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProbesTest} against the packaged worker (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class ProbesIT extends ProbesTest {
}
