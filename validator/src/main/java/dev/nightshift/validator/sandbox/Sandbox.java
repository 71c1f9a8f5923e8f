package dev.nightshift.validator.sandbox;

/**
 * Runs untrusted code: no network, nothing of the host but what the command names, an empty environment
 * apart from what it passes, its own temporary folder, limits on wall time, memory and processes.
 */
public interface Sandbox {
    /** Runs the command to its end or its wall-time limit; killing everything it started either way. */
    ProcessOutcome run(SandboxedCommand command) throws SandboxException;

    /** One line for logs and refusals: which sandbox this is. */
    String describe();
}
