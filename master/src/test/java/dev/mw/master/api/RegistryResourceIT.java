package dev.mw.master.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RegistryResourceTest} against the packaged master (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class RegistryResourceIT extends RegistryResourceTest {
}
