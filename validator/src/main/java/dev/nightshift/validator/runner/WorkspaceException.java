package dev.nightshift.validator.runner;

/** A repository could not be checked out or prepared; the message says which step failed and why. */
public final class WorkspaceException extends Exception {
    public WorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
