package dev.nightshift.validator.sandbox;

import java.nio.file.Files;

/**
 * Runs commands directly on the host, without confinement: only the environment is cleared, the output
 * bounded and the wall time enforced (the process and every descendant it still has are killed when it
 * ends or times out). It is for an explicit opt-in ({@code validator.allowUnsandboxed: true}) on machines
 * without bubblewrap, and for developing runners.
 *
 * <p>What it does not do: the network is reachable; every file the host user can read or write is
 * reachable; {@code readOnly} and {@code writable} are not enforced; {@code overlays} are not overlays,
 * the command runs in and writes to the given folders themselves; the memory and process limits are not
 * applied; a descendant that detaches from the tree before the end (a daemon) is not found and survives.
 */
public final class UnsandboxedProcess implements Sandbox {
    private final ProcessSupervisor supervisor;

    public UnsandboxedProcess() {
        this(OutputTail.DEFAULT_CAPACITY);
    }

    /** @param outputCapacity bytes of output kept (the tail) */
    public UnsandboxedProcess(int outputCapacity) {
        this.supervisor = new ProcessSupervisor(outputCapacity);
    }

    @Override
    public ProcessOutcome run(SandboxedCommand command) throws SandboxException {
        if (command.argv().isEmpty()) {
            throw new SandboxException("empty command", null);
        }
        if (!Files.isDirectory(command.workdir())) {
            throw new SandboxException("workdir " + command.workdir() + " is not a directory", null);
        }
        ProcessBuilder builder =
                new ProcessBuilder(command.argv()).directory(command.workdir().toFile());
        builder.environment().clear();
        builder.environment().putAll(command.env());
        return supervisor.run(builder, command.wallTime(), ProcessSupervisor.Teardown.TREE);
    }

    @Override
    public String describe() {
        return "unsandboxed (no isolation: network, files, memory and processes unconfined)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
