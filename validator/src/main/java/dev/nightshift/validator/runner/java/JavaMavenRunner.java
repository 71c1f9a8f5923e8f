package dev.nightshift.validator.runner.java;

import dev.nightshift.core.validation.Coverage;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.Diagnostics;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.runner.PreparedProject;
import dev.nightshift.validator.runner.ProjectRunner;
import dev.nightshift.validator.runner.WorkspaceException;
import dev.nightshift.validator.runner.java.CandidateRuns.Outcome;
import dev.nightshift.validator.sandbox.Sandbox;
import dev.nightshift.validator.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Judges JUnit 4 and JUnit 5 candidates of Maven repositories.
 *
 * <p>{@link #prepare} runs the repository's own build once per checkout ({@link MavenPreparation}). Each
 * candidate then takes the fast path, with no Maven: it is written into its own scratch folder at its package
 * path, compiled in this JVM against the module's test classpath, and run {@code settings.runs()} times in one
 * sandboxed test JVM ({@link RepeatedLaunch}: the JUnit Platform launcher of the console-standalone jar, with the
 * JaCoCo agent), each run with fresh class loaders in the same scratch folder ({@link CandidateRuns}). Some cases
 * failing in every run while the others pass is a partial pass: the failing methods are removed
 * ({@link TestPruner}) and the rest is built and run again on its own.
 */
public final class JavaMavenRunner implements ProjectRunner {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private final ValidatorSettings settings;
    private final Sandbox sandbox;
    private final JavaRunnerOptions options;
    private final CandidateCompiler compiler = new CandidateCompiler();
    private volatile JavaTools tools;

    public JavaMavenRunner(ValidatorSettings settings, Sandbox sandbox, JavaRunnerOptions options) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.options = options;
    }

    @Override
    public boolean handles(TestFramework framework) {
        return framework == TestFramework.JUNIT4 || framework == TestFramework.JUNIT5;
    }

    @Override
    public PreparedProject prepare(Path checkout) throws WorkspaceException {
        if (!compiler.available()) {
            throw new WorkspaceException(
                    "no Java compiler in " + System.getProperty("java.home") + ": the validator must run on a JDK",
                    null);
        }
        return new MavenPreparation(options, tools()).prepare(checkout);
    }

    JavaTools tools() throws WorkspaceException {
        JavaTools t = tools;
        if (t == null) {
            synchronized (this) {
                if (tools == null) {
                    tools = JavaTools.install(settings.home());
                }
                t = tools;
            }
        }
        return t;
    }

    @Override
    public Validation judge(PreparedProject prepared, Candidate candidate) {
        long started = System.nanoTime();
        if (!(prepared instanceof JavaProject project)) {
            return infrastructure("the Java runner cannot judge in " + prepared, started);
        }
        Path scratch = project.root()
                .resolveSibling("scratch")
                .resolve(UUID.randomUUID().toString());
        try {
            return judge(project, candidate, scratch, started);
        } catch (SandboxException e) {
            return infrastructure("sandbox: " + Diagnostics.oneLine(e), started);
        } catch (IOException | WorkspaceException | RuntimeException e) {
            return infrastructure(Diagnostics.oneLine(e), started);
        } finally {
            deleteTree(scratch);
        }
    }

    private Validation judge(JavaProject project, Candidate candidate, Path scratch, long started)
            throws IOException, SandboxException, WorkspaceException {
        String sourcePath = candidate.target().sourcePath();
        Optional<MavenModule> found = project.moduleOf(sourcePath)
                .or(() -> project.moduleOf(candidate.target().path()));
        if (found.isEmpty()) {
            return infrastructure("no Maven module of the repository holds " + sourcePath, started);
        }
        MavenModule module = found.get();
        UnderTest underTest = UnderTest.of(project.root().resolve(sourcePath));
        CandidateSource where =
                CandidateSource.of(candidate.source(), candidate.target().name());
        CandidateRuns runs = new CandidateRuns(settings, sandbox, tools(), compiler, module, underTest.agentIncludes());

        Outcome first = runs.attempt(scratch.resolve("round-1"), where, candidate.source());
        int executed = first.runsDone();
        if (first.verdict().isPresent()) {
            return finished(
                    first.verdict().get(),
                    first.diagnostics(),
                    Coverage.NONE,
                    null,
                    first.casesRun(),
                    0,
                    executed,
                    started);
        }
        if (first.failingMethods().isEmpty()) {
            Coverage coverage = measure(project, module, underTest, first);
            return passed(coverage, candidate.source(), first.casesRun(), first.casesRun(), executed, started);
        }

        // partial pass: the cases that failed in every run go, the rest is built and run again on its own
        Optional<String> pruned = TestPruner.remove(candidate.source(), first.failingMethods());
        if (pruned.isEmpty()) {
            return finished(
                    Verdict.FAILED,
                    first.failureDiagnostics(),
                    Coverage.NONE,
                    null,
                    first.casesRun(),
                    0,
                    executed,
                    started);
        }
        Outcome second = runs.attempt(scratch.resolve("round-2"), where, pruned.get());
        executed += second.runsDone();
        if (second.verdict().isPresent()) {
            Verdict v = second.verdict().get() == Verdict.FAILED
                    ? Verdict.FLAKY
                    : second.verdict().get();
            String why = "after removing the consistently failing " + String.join(", ", first.failingMethodNames())
                    + ", the rest did not pass on its own:\n" + second.diagnostics();
            return finished(
                    v,
                    Diagnostics.trim(why, settings.diagnosticChars()),
                    Coverage.NONE,
                    null,
                    first.casesRun(),
                    0,
                    executed,
                    started);
        }
        if (!second.failingMethods().isEmpty()) {
            String why = "after removing the consistently failing " + String.join(", ", first.failingMethodNames())
                    + ", cases that had passed failed:\n" + second.failureDiagnostics();
            return finished(
                    Verdict.FLAKY,
                    Diagnostics.trim(why, settings.diagnosticChars()),
                    Coverage.NONE,
                    null,
                    first.casesRun(),
                    0,
                    executed,
                    started);
        }
        Coverage coverage = measure(project, module, underTest, second);
        return passed(coverage, pruned.get(), first.casesRun(), second.casesRun(), executed, started);
    }

    private Validation passed(Coverage coverage, String kept, int casesRun, int casesKept, int runs, long started) {
        if (coverage.gained()) {
            return new Validation(Verdict.PASSED, "", coverage, kept, casesRun, casesKept, runs, elapsedMs(started));
        }
        boolean keep = settings.keepNoGain();
        return new Validation(
                Verdict.NO_GAIN,
                "",
                coverage,
                keep ? kept : null,
                casesRun,
                keep ? casesKept : 0,
                runs,
                elapsedMs(started));
    }

    private static Coverage measure(JavaProject project, MavenModule module, UnderTest underTest, Outcome outcome)
            throws IOException {
        return project.coverage()
                .measure(module.classes(), underTest.packagePath(), underTest.fileName(), outcome.execFiles());
    }

    private static Validation finished(
            Verdict verdict,
            String diagnostics,
            Coverage coverage,
            String kept,
            int casesRun,
            int casesKept,
            int runs,
            long started) {
        return new Validation(verdict, diagnostics, coverage, kept, casesRun, casesKept, runs, elapsedMs(started));
    }

    private static Validation infrastructure(String reason, long started) {
        return Validation.of(Verdict.INFRASTRUCTURE, Diagnostics.oneLine(reason), elapsedMs(started));
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a scratch folder that cannot be deleted now goes with its workspace
        }
    }

    /**
     * The file under test: its package (for the agent's filter and the analysis) and its name.
     *
     * @param packagePath {@code com/acme}, empty for the default package
     */
    record UnderTest(String packagePath, String fileName) {
        static UnderTest of(Path source) throws IOException {
            if (!Files.isRegularFile(source)) {
                throw new IOException("the file under test " + source.getFileName() + " is not in the checkout");
            }
            Matcher m = PACKAGE.matcher(Files.readString(source, StandardCharsets.UTF_8));
            return new UnderTest(
                    m.find() ? m.group(1).replace('.', '/') : "",
                    source.getFileName().toString());
        }

        /** The agent's {@code includes}: the classes of the package under test (and below). */
        String agentIncludes() {
            return packagePath.isEmpty() ? "*" : packagePath.replace('/', '.') + ".*";
        }
    }

    /** Methods by declaring class, in order. */
    static Map<String, Set<String>> byClass(List<LaunchReport.Case> cases) {
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (LaunchReport.Case c : cases) {
            methods.computeIfAbsent(c.className(), k -> new LinkedHashSet<>()).add(c.method());
        }
        return methods;
    }

    static List<String> names(Map<String, Set<String>> methods) {
        List<String> names = new ArrayList<>();
        methods.forEach((cls, ms) -> ms.forEach(m -> names.add(cls.substring(cls.lastIndexOf('.') + 1) + "." + m)));
        return names;
    }
}
