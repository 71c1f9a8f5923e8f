package dev.nightshift.validator.runner;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.Validation;
import java.nio.file.Path;

/**
 * One ecosystem's way to prepare a checked-out repository once (dependencies, main code built, the existing
 * suite's coverage of the target files) and then to judge each candidate quickly in the sandbox.
 */
public interface ProjectRunner {
    /** Whether this runner builds and runs tests of this framework. */
    boolean handles(TestFramework framework);

    /**
     * Prepares a checkout for candidates: resolves dependencies with the repository's own tool, builds the main
     * code, measures the existing suite's coverage. Runs the repository's own build (trusted as much as the
     * repository is), never a candidate.
     *
     * @throws WorkspaceException when the repository cannot be prepared (an infrastructure verdict for its jobs)
     */
    PreparedProject prepare(Path checkout) throws WorkspaceException;

    /** Builds the candidate, runs it {@code settings.runs()} times in the sandbox, measures its coverage gain. */
    Validation judge(PreparedProject project, Candidate candidate);
}
