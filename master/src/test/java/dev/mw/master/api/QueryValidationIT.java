package dev.mw.master.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link QueryValidationTest} against the packaged master (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class QueryValidationIT extends QueryValidationTest {
}
