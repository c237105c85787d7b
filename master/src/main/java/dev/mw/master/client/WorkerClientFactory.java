package dev.mw.master.client;

import java.net.URI;

/** Makes the REST client for one instance; one per instance, closed when it leaves the registry. */
@FunctionalInterface
public interface WorkerClientFactory {

    WorkerApi create(URI baseUri);
}
