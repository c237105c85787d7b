package dev.mw.worker.query;

import dev.mw.worker.problem.Problem;
import dev.mw.worker.problem.ProblemException;

/** A /api/records/batch body that is not a batch of queries: a 400, and no query is answered. */
public class InvalidBatchException extends ProblemException {

    public InvalidBatchException(String detail) {
        super(Problem.of("invalid-batch", "Invalid batch", 400, detail));
    }
}
