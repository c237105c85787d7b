package dev.mw.master;

import dev.mw.common.http.RequestUriCheck;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the master. Before Quarkus starts, it hands the check of request URIs to
 * {@link RequestUriCheck}, which answers a bad one with a problem instead of an empty 400.
 */
@QuarkusMain
public final class MasterMain {

    private MasterMain() {
    }

    public static void main(String... args) {
        RequestUriCheck.replaceQuarkusCheck();
        Quarkus.run(args);
    }
}
