package dev.nightshift.app.cli;

import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a command that runs the pipeline in this JVM runs it: {@code run} and {@code eval} share these. */
public final class LocalPipelineOptions {
    @Option(names = "--dry-run", description = "Use the simulator even when provider keys are set.")
    boolean dryRun;

    @Option(names = "--tenant", defaultValue = "default", description = "Who pays (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Mixin
    TimeoutOption timeout;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Use this Kafka instead of starting an embedded broker.")
    String bootstrap;

    public boolean dryRun() {
        return dryRun;
    }

    public String tenant() {
        return tenant;
    }

    /** {@code null}: start an embedded broker. */
    public String bootstrap() {
        return bootstrap;
    }

    public long timeoutMinutes() {
        return timeout.minutes();
    }

    public Duration timeout() {
        return timeout.duration();
    }

    /** Refuses a timeout that could never be met, before anything starts. */
    public void check() {
        timeout.check();
    }
}
