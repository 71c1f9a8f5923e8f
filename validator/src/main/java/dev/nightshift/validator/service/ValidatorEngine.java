package dev.nightshift.validator.service;

import dev.nightshift.core.config.ValidationConfig;
import dev.nightshift.validator.Validator;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.java.JavaMavenRunner;
import dev.nightshift.validator.runner.java.JavaRunnerOptions;
import dev.nightshift.validator.runner.js.JsRunner;
import dev.nightshift.validator.runner.python.PythonRunner;
import dev.nightshift.validator.workspace.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The validator as configured: the sandbox found on this machine and a runner per ecosystem. */
public final class ValidatorEngine {
    /** Prepared workspaces kept (a checkout with its dependencies and build output each). */
    static final int WORKSPACES_KEPT = 8;
    /** A workspace whose preparation failed is tried again after this long. */
    static final Duration RETRY_FAILED_PREPARATION = Duration.ofMinutes(10);
    /** Diagnostics kept for the repair prompt and the ledger: about a thousand tokens. */
    static final int DIAGNOSTIC_CHARS = 4000;

    private ValidatorEngine() {}

    public static ValidatorSettings settings(ValidationConfig config, Path home) {
        return new ValidatorSettings(
                home,
                config.runs(),
                config.testTimeout(),
                config.memoryMb() * 1024L * 1024L,
                config.maxProcesses(),
                config.keepNoGain(),
                config.allowUnsandboxed(),
                DIAGNOSTIC_CHARS);
    }

    /** The engine under {@code home} (workspaces in {@code home/workspaces}). */
    public static Validator start(ValidatorSettings settings) {
        try {
            Workspaces workspaces = new Workspaces(settings.home(), WORKSPACES_KEPT, RETRY_FAILED_PREPARATION);
            return Validator.start(
                    settings,
                    workspaces,
                    sandbox -> List.of(
                            new JavaMavenRunner(settings, sandbox, JavaRunnerOptions.defaults()),
                            new PythonRunner(sandbox, settings),
                            new JsRunner(sandbox, settings)));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the validator's workspaces under " + settings.home() + ": " + e.getMessage(), e);
        }
    }
}
