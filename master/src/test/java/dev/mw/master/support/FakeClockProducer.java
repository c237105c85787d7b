package dev.mw.master.support;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The application's {@link Clock} replaced by {@link #CLOCK}, for a {@code @QuarkusTest} whose
 * test profile enables this alternative ({@code getEnabledAlternatives}); other tests keep the
 * system clock.
 */
@Alternative
@Singleton
public class FakeClockProducer {

    public static final FakeClock CLOCK = new FakeClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
