package dev.mw.worker.query;

import dev.mw.worker.problem.Problem;
import dev.mw.worker.problem.ProblemException;

/** A /api/records request the worker cannot answer as asked: a 400. */
public class InvalidQueryException extends ProblemException {

    public InvalidQueryException(String detail) {
        super(Problem.of("invalid-query", "Invalid query", 400, detail));
    }
}
