package dev.nightshift.validator.sandbox;

/** The sandbox itself failed (not the code in it): an infrastructure fault, never the model's. */
public final class SandboxException extends Exception {
    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
