package dev.nightshift.validator;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.runner.PreparedProject;
import dev.nightshift.validator.runner.ProjectRunner;
import dev.nightshift.validator.runner.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The smallest ecosystem there is, for workspace tests that need no build tool: a repository's
 * {@code build.txt} is its build. Preparing reads it (and fails when it says {@code broken}); judging passes
 * every Go test and says what the build said. Records each checkout it prepared, and can hold preparations
 * until released.
 */
public final class ManifestRunner implements ProjectRunner {
    public final List<Path> prepared = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate;

    public ManifestRunner() {
        this(new CountDownLatch(0));
    }

    /** Preparations wait until {@code gate} opens. */
    public ManifestRunner(CountDownLatch gate) {
        this.gate = gate;
    }

    public record Manifest(Path root, String build) implements PreparedProject {}

    @Override
    public boolean handles(TestFramework framework) {
        return framework == TestFramework.GO_TEST;
    }

    @Override
    public PreparedProject prepare(Path checkout) throws WorkspaceException {
        prepared.add(checkout);
        try {
            if (!gate.await(1, TimeUnit.MINUTES)) {
                throw new WorkspaceException("nobody opened the gate", null);
            }
            String build = Files.readString(checkout.resolve("build.txt")).strip();
            if (build.equals("broken")) {
                throw new WorkspaceException("build.txt says the build is broken\nsecond line", null);
            }
            return new Manifest(checkout, build);
        } catch (IOException e) {
            throw new WorkspaceException("no build.txt: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted", e);
        }
    }

    @Override
    public Validation judge(PreparedProject project, Candidate candidate) {
        return Validation.of(Verdict.PASSED, ((Manifest) project).build(), 0);
    }
}
