package dev.mw.master.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The real clocks; tests construct beans with fakes instead. */
@ApplicationScoped
public class TimeSources {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    Ticker ticker() {
        return Ticker.SYSTEM;
    }
}
