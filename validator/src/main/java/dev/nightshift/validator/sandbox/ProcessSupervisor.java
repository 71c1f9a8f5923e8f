package dev.nightshift.validator.sandbox;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process, keeps the tail of its merged output, and makes sure that nothing it started is left
 * when it ends or reaches its wall-time limit.
 */
final class ProcessSupervisor {
    /** How what a process started is killed. */
    enum Teardown {
        /**
         * The process is a plain command: it and every descendant still attached to it are killed.
         */
        TREE,
        /**
         * The process is a launcher (bubblewrap) whose only child is the init of a pid namespace: that child
         * is killed, the kernel kills everything else in its namespace, and the launcher reaps it and exits
         * on its own, so that no orphan is left for the host's init to reap.
         */
        NAMESPACE
    }

    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);
    private static final Duration LAUNCHER_GRACE = Duration.ofSeconds(10);

    private final int outputCapacity;

    ProcessSupervisor(int outputCapacity) {
        this.outputCapacity = outputCapacity;
    }

    ProcessOutcome run(ProcessBuilder builder, Duration wallTime, Teardown teardown) throws SandboxException {
        builder.redirectErrorStream(true);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start " + builder.command().get(0) + ": " + e.getMessage(), e);
        }
        OutputTail tail = new OutputTail(outputCapacity);
        Thread drainer = new Thread(() -> tail.drain(process.getInputStream()), "sandbox-output-" + process.pid());
        drainer.setDaemon(true);
        drainer.start();
        boolean timedOut;
        try {
            timedOut = !process.waitFor(wallTime.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tearDown(process, teardown);
            throw new SandboxException(
                    "interrupted while running " + builder.command().get(0), e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        tearDown(process, teardown);
        int exitCode = process.exitValue();
        awaitOutput(drainer, process);
        return new ProcessOutcome(exitCode, tail.text(), timedOut, elapsed);
    }

    private static void tearDown(Process process, Teardown teardown) throws SandboxException {
        if (teardown == Teardown.NAMESPACE) {
            process.toHandle().children().forEach(ProcessHandle::destroyForcibly);
            if (waitFor(process, LAUNCHER_GRACE)) {
                return;
            }
        }
        killTree(process.toHandle());
        if (!waitFor(process, Duration.ofSeconds(30))) {
            throw new SandboxException("process " + process.pid() + " survived SIGKILL for 30 s", null);
        }
    }

    /**
     * Kills the process and everything below it until nothing is left: a process forked while the tree is
     * being killed is found on the next pass. A descendant that already detached (whose parent exited) is
     * no longer part of the tree and is not found.
     */
    static void killTree(ProcessHandle root) {
        for (int pass = 0; pass < 50; pass++) {
            List<ProcessHandle> descendants = root.descendants().toList();
            root.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            if (descendants.isEmpty()) {
                return;
            }
            sleep(Duration.ofMillis(10));
        }
    }

    private static boolean waitFor(Process process, Duration limit) throws SandboxException {
        try {
            return process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while reaping process " + process.pid(), e);
        }
    }

    private static void awaitOutput(Thread drainer, Process process) {
        try {
            drainer.join(DRAIN_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drainer.isAlive()) {
            // something that escaped the teardown still holds the pipe: stop reading, keep what came
            try {
                process.getInputStream().close();
            } catch (IOException ignored) {
                // the tail already holds everything that was read
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
