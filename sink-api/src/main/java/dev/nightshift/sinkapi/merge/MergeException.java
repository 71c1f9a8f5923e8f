package dev.nightshift.sinkapi.merge;

/** The parts of a split test could not be merged into one file (a part does not parse, declares no test class…). */
public class MergeException extends RuntimeException {
    public MergeException(String message) {
        super(message);
    }

    public MergeException(String message, Throwable cause) {
        super(message, cause);
    }
}
