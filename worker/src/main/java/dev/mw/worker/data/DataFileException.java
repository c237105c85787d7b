package dev.mw.worker.data;

import java.nio.file.Path;

import dev.mw.worker.StartupFailure;

/** A data file that cannot be served: missing, unreadable, not JSON or holding an invalid record. */
public class DataFileException extends StartupFailure {

    private final String problem;

    public DataFileException(Path file, String problem) {
        this(file.toString(), problem);
    }

    /** @param source the file's name as the user gave it, or the shipped data's */
    public DataFileException(String source, String problem) {
        super("Cannot load data file " + source + ": " + problem);
        this.problem = problem;
    }

    /** What is wrong, without the file name: {@code record #3: "year" must be ...}. */
    public String problem() {
        return problem;
    }
}
