package dev.mw.worker.query;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RecordsBatchTest} against the packaged worker (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class RecordsBatchIT extends RecordsBatchTest {
}
