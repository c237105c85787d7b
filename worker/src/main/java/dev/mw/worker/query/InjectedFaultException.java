package dev.mw.worker.query;

import dev.mw.worker.problem.Problem;
import dev.mw.worker.problem.ProblemException;

/** A request failed on purpose by {@code mw.fault.error-rate}. */
public class InjectedFaultException extends ProblemException {

    public InjectedFaultException() {
        super(Problem.of("injected-fault", "Injected fault", 500,
                "This request failed on purpose (mw.fault.error-rate)."));
    }
}
