package dev.mw.worker.data;

import java.nio.file.Path;

import dev.mw.worker.StartupFailure;

/** A data file that cannot be served: missing, unreadable, not JSON or holding an invalid record. */
public class DataFileException extends StartupFailure {

    private final String problem;

    public DataFileException(Path file, String problem) {
        super("Cannot load data file " + file + ": " + problem);
        this.problem = problem;
    }

    /** What is wrong, without the file name: {@code record #3: "year" must be ...}. */
    public String problem() {
        return problem;
    }
}
