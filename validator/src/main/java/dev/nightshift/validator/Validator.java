package dev.nightshift.validator;

import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.runner.ProjectRunner;
import dev.nightshift.validator.runner.WorkspaceException;
import dev.nightshift.validator.sandbox.Sandbox;
import dev.nightshift.validator.sandbox.SandboxException;
import dev.nightshift.validator.sandbox.Sandboxes;
import dev.nightshift.validator.workspace.Workspaces;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The validator's one entry point: a candidate test of a commit in, a verdict out. Picks the runner of the
 * candidate's framework, gets the commit's workspace (checked out and prepared once, shared by every candidate
 * of that commit), and lets the runner judge the candidate. Whatever goes wrong on our side — a workspace that
 * cannot be prepared, a missing tool, a failing sandbox, a bug — is an {@link Verdict#INFRASTRUCTURE} verdict
 * with a one-line reason, never an exception and never the model's fault. Safe to call from many threads.
 */
public final class Validator {
    private final ValidatorSettings settings;
    private final Workspaces workspaces;
    private final List<ProjectRunner> runners;
    private final String refusal;

    /** @param runners in order of preference: the first that handles a framework judges its candidates */
    public Validator(ValidatorSettings settings, Workspaces workspaces, List<ProjectRunner> runners) {
        this(settings, workspaces, runners, null);
    }

    private Validator(ValidatorSettings settings, Workspaces workspaces, List<ProjectRunner> runners, String refusal) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workspaces = workspaces;
        this.runners = List.copyOf(runners);
        this.refusal = refusal;
    }

    /**
     * A validator that judges nothing: there is no working sandbox and running unsandboxed is not allowed.
     * Every candidate gets {@link Verdict#INFRASTRUCTURE} with the sandbox's refusal.
     */
    public static Validator refusing(ValidatorSettings settings, String refusal) {
        return new Validator(settings, null, List.of(), Objects.requireNonNull(refusal, "refusal"));
    }

    /**
     * Detects the sandbox ({@link Sandboxes#detect}) and builds a validator whose runners use it; when there is
     * none and running unsandboxed is not allowed, a {@link #refusing} one with the sandbox's refusal.
     *
     * @param runners makes the runners, in order of preference, for the sandbox found
     */
    public static Validator start(
            ValidatorSettings settings, Workspaces workspaces, Function<Sandbox, List<ProjectRunner>> runners) {
        Sandbox sandbox;
        try {
            sandbox = Sandboxes.detect(settings);
        } catch (SandboxException e) {
            return refusing(settings, Diagnostics.oneLine(e));
        }
        return new Validator(settings, workspaces, runners.apply(sandbox));
    }

    public Validation validate(String repository, String commit, Candidate candidate) {
        long started = System.nanoTime();
        if (refusal != null) {
            return infrastructure(refusal, started);
        }
        Optional<ProjectRunner> runner = runnerFor(candidate);
        if (runner.isEmpty()) {
            return infrastructure(
                    "no runner for " + candidate.target().framework().id() + " tests", started);
        }
        try (Workspaces.Lease lease = workspaces.open(repository, commit, runner.get())) {
            return runner.get().judge(lease.project(), candidate);
        } catch (WorkspaceException e) {
            return infrastructure(Diagnostics.oneLine(e), started);
        } catch (RuntimeException e) {
            return infrastructure(e.getClass().getSimpleName() + ": " + Diagnostics.oneLine(e), started);
        }
    }

    private Optional<ProjectRunner> runnerFor(Candidate candidate) {
        return runners.stream()
                .filter(r -> r.handles(candidate.target().framework()))
                .findFirst();
    }

    private Validation infrastructure(String reason, long started) {
        return Validation.of(
                Verdict.INFRASTRUCTURE,
                Diagnostics.trim(Diagnostics.oneLine(reason), settings.diagnosticChars()),
                (System.nanoTime() - started) / 1_000_000);
    }
}
