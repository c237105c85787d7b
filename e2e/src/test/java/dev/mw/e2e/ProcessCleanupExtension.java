package dev.mw.e2e;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Kills every service process still running once a test class is done, whatever the tests did
 * (a failed assertion half-way through a restart, a frozen process). The JVM shutdown hook in
 * {@link ServiceProcess} covers an aborted run.
 */
public final class ProcessCleanupExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        ServiceProcess.killAll();
    }
}
