package dev.mw.worker;

/**
 * A reason the worker must not start. Its message is the one line an operator reads, so it
 * must say what is wrong and where without a stack trace.
 */
public class StartupFailure extends RuntimeException {

    public StartupFailure(String message) {
        super(message);
    }
}
