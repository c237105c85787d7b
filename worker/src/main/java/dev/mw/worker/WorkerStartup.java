package dev.mw.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.mw.worker.data.RecordStore;
import dev.mw.worker.query.FaultInjector;
import dev.mw.worker.registration.RegistrationService;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * Checks the configuration and loads the data at start-up. A worker that cannot serve its whole group must not run at
 * all: on a {@link StartupFailure} it logs the one-line reason and exits with code 1,
 * rather than letting Quarkus print a stack trace.
 */
@ApplicationScoped
public class WorkerStartup {

    private static final Logger LOG = Logger.getLogger(WorkerStartup.class);

    private final RecordStore store;
    private final FaultInjector faults;
    private final RegistrationService registration;

    public WorkerStartup(RecordStore store, FaultInjector faults, RegistrationService registration) {
        this.store = store;
        this.faults = faults;
        this.registration = registration;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            faults.checkConfig();
            registration.checkConfig();
            store.load();
        } catch (StartupFailure failure) {
            LOG.error(failure.getMessage());
            Quarkus.asyncExit(1);
        }
    }
}
