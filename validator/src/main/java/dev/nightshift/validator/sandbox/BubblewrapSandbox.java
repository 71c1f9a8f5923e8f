package dev.nightshift.validator.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox generated tests run in: bubblewrap (0.8 or newer) with fresh ipc, pid, network, uts and
 * cgroup namespaces (the network has only its own loopback), a fresh /proc, a minimal /dev, private
 * /tmp and /dev/shm, and a read-only view of /usr, /etc, /bin, /lib* and the command's toolchains; the
 * command's {@code readOnly} paths read-only, its {@code writable} paths writable, its {@code overlays} as
 * throw-away copies (see {@link OverlayCopies}). Home folders, nightshift's home and credential folders
 * are never shown (see {@link ProtectedPaths}).
 *
 * <p>The command never runs as root (see {@link SandboxUsers}), has no capabilities, cannot gain any
 * (no_new_privs), and runs with RLIMIT_NPROC at {@code maxProcesses} and RLIMIT_DATA at
 * {@code memoryBytes}. The data limit, not the address-space limit, bounds memory: a JVM reserves far
 * more address space than it uses and does not start under a 2 GB address-space limit. /tmp and /dev/shm
 * hold at most {@code memoryBytes} each. The command is the init of its pid namespace: when it ends, on
 * its own or killed at the wall-time limit, the kernel kills everything else in the namespace. (Orphans
 * inside are re-parented to the command, which may not reap them; they count against its process limit
 * until it ends.)
 */
public final class BubblewrapSandbox implements Sandbox {
    public static final Path DEFAULT_BWRAP = Path.of("/usr/bin/bwrap");

    private final Path bwrap;
    private final Path scratchRoot;
    private final ProtectedPaths protectedPaths;
    private final SandboxUsers users;
    private final ProcessSupervisor supervisor;

    /**
     * @param bwrap         the bubblewrap executable
     * @param scratchRoot   where overlay copies are made (best on the file system of the overlay sources, so
     *                      that files can be hard-linked)
     * @param protectedExtra places never to show besides home folders and {@code $NIGHTSHIFT_HOME}
     */
    public BubblewrapSandbox(Path bwrap, Path scratchRoot, Collection<Path> protectedExtra) {
        this(
                bwrap,
                scratchRoot,
                ProtectedPaths.ofThisHost(protectedExtra),
                SandboxUsers.ofThisProcess(),
                OutputTail.DEFAULT_CAPACITY);
    }

    BubblewrapSandbox(
            Path bwrap, Path scratchRoot, ProtectedPaths protectedPaths, SandboxUsers users, int outputCapacity) {
        this.bwrap = bwrap;
        this.scratchRoot = scratchRoot;
        this.protectedPaths = protectedPaths;
        this.users = users;
        this.supervisor = new ProcessSupervisor(outputCapacity);
    }

    @Override
    public ProcessOutcome run(SandboxedCommand command) throws SandboxException {
        check(command);
        List<Path> toolchains = Toolchains.mountsFor(command, protectedPaths);
        try (SandboxUsers.Lease user = users.lease();
                OverlayCopies overlays = OverlayCopies.create(scratchRoot, command.overlays(), user)) {
            for (Path writable : command.writable()) {
                user.takeOver(writable);
            }
            ProcessBuilder builder = new ProcessBuilder(
                    BubblewrapCommandLine.build(bwrap, command, user, toolchains, overlays.copies()));
            builder.environment().clear();
            return supervisor.run(builder, command.wallTime(), ProcessSupervisor.Teardown.NAMESPACE);
        }
    }

    /**
     * Runs a trivial command to see whether bubblewrap works here (it needs user namespaces when this JVM
     * is not root, and mount namespaces either way).
     *
     * @return why it does not, in one line; empty when it does
     */
    public Optional<String> probe() {
        if (!Files.isExecutable(bwrap)) {
            return Optional.of("bubblewrap not found at " + bwrap);
        }
        for (String tool :
                List.of(BubblewrapCommandLine.PRLIMIT, BubblewrapCommandLine.SETPRIV, BubblewrapCommandLine.ENV)) {
            if (!Files.isExecutable(Path.of(tool))) {
                return Optional.of(tool + " not found (util-linux, coreutils)");
            }
        }
        Path workdir = null;
        try {
            Files.createDirectories(scratchRoot);
            workdir = Files.createTempDirectory(scratchRoot, "probe-");
            ProcessOutcome outcome = run(new SandboxedCommand(
                    List.of("true"),
                    workdir,
                    Map.of("PATH", "/usr/bin:/bin"),
                    List.of(),
                    List.of(workdir),
                    List.of(),
                    Duration.ofSeconds(30),
                    256L << 20,
                    16));
            if (outcome.exitCode() != 0 || outcome.timedOut()) {
                String why = outcome.output().strip().lines().findFirst().orElse("exit code " + outcome.exitCode());
                return Optional.of("bubblewrap at " + bwrap + " does not work here (" + why + ")");
            }
            return Optional.empty();
        } catch (IOException | SandboxException e) {
            return Optional.of("bubblewrap at " + bwrap + " does not work here (" + e.getMessage() + ")");
        } finally {
            if (workdir != null) {
                OverlayCopies.deleteTree(workdir);
            }
        }
    }

    @Override
    public String describe() {
        return "bubblewrap " + bwrap
                + (users.privileged()
                        ? " (privileged; commands run as their own uid from " + SandboxUsers.FIRST_UID + ")"
                        : " (unprivileged user namespace)");
    }

    @Override
    public String toString() {
        return describe();
    }

    private void check(SandboxedCommand command) throws SandboxException {
        if (command.argv().isEmpty()) {
            throw new SandboxException("empty command", null);
        }
        if (command.maxProcesses() <= 0 || command.memoryBytes() <= 0) {
            throw new SandboxException(
                    "maxProcesses and memoryBytes must be positive: " + command.maxProcesses() + ", "
                            + command.memoryBytes(),
                    null);
        }
        List<Path> all = new ArrayList<>(command.readOnly());
        all.addAll(command.writable());
        all.addAll(command.overlays());
        for (Path path : all) {
            if (!path.isAbsolute()) {
                throw new SandboxException("sandbox paths must be absolute: " + path, null);
            }
            if (!Files.exists(path)) {
                throw new SandboxException("sandbox path does not exist: " + path, null);
            }
            if (protectedPaths.wouldExpose(path)) {
                throw new SandboxException(
                        "refusing to show " + path + " in the sandbox: it is or contains a home"
                                + " folder, nightshift's home or credentials",
                        null);
            }
        }
        for (Path overlay : command.overlays()) {
            if (!Files.isDirectory(overlay)) {
                throw new SandboxException("overlay is not a folder: " + overlay, null);
            }
        }
        List<Path> writableViews = new ArrayList<>(command.writable());
        writableViews.addAll(command.overlays());
        if (!Toolchains.isUnderAny(command.workdir(), writableViews)) {
            throw new SandboxException(
                    "workdir " + command.workdir() + " is in none of the writable or overlay paths", null);
        }
    }
}
