package dev.mw.master.group;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Turns {@code mw.groups} into the {@link ShardRouter}; a bad declaration stops the master at start. */
@ApplicationScoped
public class GroupsConfig {

    @Produces
    @Singleton
    @Startup
    ShardRouter shardRouter(@ConfigProperty(name = "mw.groups", defaultValue = "am=a-m,nz=n-z") String groups) {
        try {
            return new ShardRouter(GroupsParser.parse(groups));
        } catch (IllegalArgumentException e) {
            // Quarkus reports a ConfigurationException as one message, without a stack trace
            throw new ConfigurationException("Invalid mw.groups '" + groups + "': " + e.getMessage());
        }
    }
}
