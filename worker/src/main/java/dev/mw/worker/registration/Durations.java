package dev.mw.worker.registration;

import java.time.Duration;

/** Durations for the log, written the way the config takes them: {@code 200ms}, {@code 3s}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
