package dev.mw.worker.query;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RecordsResourceTest} against the packaged worker (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class RecordsResourceIT extends RecordsResourceTest {
}
