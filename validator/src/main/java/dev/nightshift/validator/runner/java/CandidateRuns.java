package dev.nightshift.validator.runner.java;

import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.Diagnostics;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.java.LaunchReport.Case;
import dev.nightshift.validator.runner.java.LaunchReport.Status;
import dev.nightshift.validator.sandbox.ProcessOutcome;
import dev.nightshift.validator.sandbox.Sandbox;
import dev.nightshift.validator.sandbox.SandboxException;
import dev.nightshift.validator.sandbox.SandboxedCommand;
import dev.nightshift.validator.sandbox.ViolationClassifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of a candidate: write it, compile it, run it {@code settings.runs()} times, and read what happened.
 *
 * <p>All runs of a round happen in one test JVM in the sandbox ({@link RepeatedLaunch}), one after the other,
 * each with the project's and the candidate's classes in a fresh class loader, each with its own time limit.
 * Folders of a round ({@code <scratch>/round-N/}): {@code src/} the source at its package path,
 * {@code classes/} its class files, {@code work/} the test's working and home folder, {@code tmp/} its
 * temporary folder, {@code reports/run-K/} the reports of run K, {@code jacoco.exec} the coverage of all runs.
 * The round folder is the only writable place in the sandbox and is kept across the runs of the round, so a
 * test that leaves files behind meets them in its next run.
 */
final class CandidateRuns {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateRuns.class);
    /** Failing cases quoted in FAILED diagnostics. */
    private static final int QUOTED_FAILURES = 8;

    private final ValidatorSettings settings;
    private final Sandbox sandbox;
    private final JavaTools tools;
    private final CandidateCompiler compiler;
    private final MavenModule module;
    private final String agentIncludes;

    CandidateRuns(
            ValidatorSettings settings,
            Sandbox sandbox,
            JavaTools tools,
            CandidateCompiler compiler,
            MavenModule module,
            String agentIncludes) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.tools = tools;
        this.compiler = compiler;
        this.module = module;
        this.agentIncludes = agentIncludes;
    }

    /**
     * What a round found.
     *
     * @param verdict            a verdict that ends the judging (build failure, failure of every case, flakiness,
     *                           timeout, violation); empty when every case passed in every run, or some did and
     *                           the others failed in every run
     * @param casesRun           distinct cases the launcher ran (skipped ones not counted)
     * @param failingMethods     methods with a case that failed in every run, by declaring class
     * @param failureDiagnostics the failures of those methods, quoted
     * @param execFiles          the execution data the runs wrote
     * @param runsDone           runs started
     */
    record Outcome(
            Optional<Verdict> verdict,
            String diagnostics,
            int casesRun,
            Map<String, Set<String>> failingMethods,
            String failureDiagnostics,
            List<Path> execFiles,
            int runsDone) {
        List<String> failingMethodNames() {
            return JavaMavenRunner.names(failingMethods);
        }
    }

    /** One run: what the launcher reported, or why it reported nothing usable. */
    private record Run(int index, ProcessOutcome outcome, List<Case> cases, String runFailure) {}

    Outcome attempt(Path round, CandidateSource where, String source) throws IOException, SandboxException {
        Path src = round.resolve("src").resolve(where.relativePath());
        Path classes = round.resolve("classes");
        Path work = round.resolve("work");
        Path tmp = round.resolve("tmp");
        Files.createDirectories(src.getParent());
        Files.createDirectories(work);
        Files.createDirectories(tmp);
        Files.writeString(src, source, StandardCharsets.UTF_8);

        long compiling = System.nanoTime();
        CandidateCompiler.Result compiled = compiler.compile(src, classes, module.compileClasspath());
        long compiledAt = System.nanoTime();
        LOG.debug("{}: compiled in {} ms", where.qualifiedName(), (compiledAt - compiling) / 1_000_000);
        if (!compiled.compiled()) {
            return terminal(
                    Verdict.BUILD_FAILED, Diagnostics.trim(compiled.errors(), settings.diagnosticChars()), 0, 0);
        }

        String testClass = where.qualifiedName();
        Path reports = round.resolve("reports");
        Path exec = round.resolve("jacoco.exec");
        Path classpathFile = round.resolve("classpath.txt");
        List<Path> runtime = new ArrayList<>(List.of(classes));
        runtime.addAll(module.runtimeClasspath());
        Files.writeString(
                classpathFile,
                String.join("\n", runtime.stream().map(Path::toString).toList()) + "\n",
                StandardCharsets.UTF_8);
        int k = settings.runs();
        SandboxedCommand command = command(round, work, tmp, reports, exec, classpathFile, testClass);
        ProcessOutcome outcome = sandbox.run(command);
        LOG.debug(
                "{}: {} runs in {} ms (the test JVM: {} ms), exit {}",
                testClass,
                k,
                (System.nanoTime() - compiledAt) / 1_000_000,
                outcome.elapsed().toMillis(),
                outcome.exitCode());
        String output = outcome.output();
        int started = count(output, "] run ", " started");
        if (outcome.timedOut() || outcome.exitCode() == RepeatedLaunch.TIMED_OUT && output.contains(" ran past ")) {
            int run = Math.max(1, started);
            return terminal(
                    Verdict.TIMEOUT, Diagnostics.trim(timeoutMessage(run, output), settings.diagnosticChars()), 0, run);
        }
        if (output.contains("Error occurred during initialization of VM")
                || output.contains("Could not create the Java Virtual Machine")
                || output.contains("Could not find or load main class")) {
            throw new IOException("the test JVM did not start: " + Diagnostics.oneLine(tail(output, 3)));
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            runs.add(read(i, outcome, reports.resolve("run-" + i), testClass));
        }
        boolean allPassed = runs.stream()
                .allMatch(
                        r -> r.runFailure() == null && r.cases().stream().noneMatch(c -> c.status() == Status.FAILED));
        if (!allPassed || outcome.exitCode() != 0) {
            // only a round that did not pass is asked about: a test that passes without the network passes
            Optional<ViolationClassifier.Violation> violation =
                    ViolationClassifier.forCommand(command).classify(output);
            if (violation.isPresent()) {
                String what = "the test hit the sandbox ("
                        + violation.get().kind().name().toLowerCase(java.util.Locale.ROOT) + "): "
                        + violation.get().evidence();
                return terminal(
                        Verdict.SANDBOX_VIOLATION,
                        Diagnostics.trim(what, settings.diagnosticChars()),
                        0,
                        Math.max(1, started));
            }
        }
        return judgeRuns(runs, testClass, Files.isRegularFile(exec) ? List.of(exec) : List.of());
    }

    private static int count(String text, String prefix, String suffix) {
        int n = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith(RepeatedLaunch.MARK) && line.contains(prefix) && line.endsWith(suffix)) {
                n++;
            }
        }
        return n;
    }

    private Outcome judgeRuns(List<Run> runs, String testClass, List<Path> execs) {
        int k = runs.size();
        // per case, in the order the first run reported them: did it pass in each run?
        Map<String, Case> firstSeen = new LinkedHashMap<>();
        Map<String, Boolean[]> passedIn = new LinkedHashMap<>();
        for (Run run : runs) {
            for (Case c : run.cases()) {
                if (c.status() == Status.SKIPPED) {
                    continue;
                }
                firstSeen.putIfAbsent(c.key(), c);
                passedIn.computeIfAbsent(c.key(), key -> new Boolean[k])[run.index() - 1] = c.status() == Status.PASSED;
            }
        }
        for (Run run : runs) {
            if (run.runFailure() != null) {
                // a run that ended without reporting failed every case
                passedIn.values().forEach(results -> results[run.index() - 1] = false);
            }
        }
        List<Run> broken = runs.stream().filter(r -> r.runFailure() != null).toList();
        if (passedIn.isEmpty()) {
            String why = broken.isEmpty()
                    ? "no test case of " + testClass + " ran"
                    : broken.get(0).runFailure();
            return terminal(Verdict.FAILED, Diagnostics.trim(why, settings.diagnosticChars()), 0, k);
        }
        int casesRun = passedIn.size();

        List<String> flaky = new ArrayList<>();
        List<Case> failedAlways = new ArrayList<>();
        for (Map.Entry<String, Boolean[]> e : passedIn.entrySet()) {
            int passes = 0;
            int fails = 0;
            int firstPass = 0;
            int firstFail = 0;
            for (int i = 0; i < k; i++) {
                Boolean passed = e.getValue()[i];
                if (passed == null) {
                    continue;
                }
                if (passed) {
                    passes++;
                    firstPass = firstPass == 0 ? i + 1 : firstPass;
                } else {
                    fails++;
                    firstFail = firstFail == 0 ? i + 1 : firstFail;
                }
            }
            if (passes > 0 && fails > 0) {
                flaky.add("passed in run " + firstPass + ", failed in run " + firstFail + ": "
                        + failureIn(runs.get(firstFail - 1), e.getKey(), firstSeen.get(e.getKey()), testClass));
            } else if (fails > 0) {
                failedAlways.add(failureOf(runs, e.getKey(), firstSeen.get(e.getKey())));
            }
        }
        if (!flaky.isEmpty()) {
            return terminal(Verdict.FLAKY, Diagnostics.trim(flaky, settings.diagnosticChars()), casesRun, k);
        }
        if (failedAlways.size() == casesRun) {
            List<String> quoted = new ArrayList<>();
            if (!broken.isEmpty()) {
                quoted.add(broken.get(0).runFailure());
            }
            quoted.addAll(quote(failedAlways, testClass));
            return terminal(Verdict.FAILED, Diagnostics.trim(quoted, settings.diagnosticChars()), casesRun, k);
        }
        return new Outcome(
                Optional.empty(),
                "",
                casesRun,
                JavaMavenRunner.byClass(failedAlways),
                Diagnostics.trim(quote(failedAlways, testClass), settings.diagnosticChars()),
                execs,
                k);
    }

    private static List<String> quote(List<Case> cases, String testClass) {
        List<String> quoted = new ArrayList<>();
        for (Case c : cases.subList(0, Math.min(QUOTED_FAILURES, cases.size()))) {
            quoted.add(c.describe(testClass));
        }
        if (cases.size() > QUOTED_FAILURES) {
            quoted.add("(" + (cases.size() - QUOTED_FAILURES) + " more failing cases)");
        }
        return quoted;
    }

    /** The case's failure as the run reported it, or the run's own failure when it reported nothing. */
    private static String failureIn(Run run, String key, Case seen, String testClass) {
        for (Case c : run.cases()) {
            if (c.key().equals(key)) {
                return c.describe(testClass);
            }
        }
        String simple = seen.className().substring(seen.className().lastIndexOf('.') + 1);
        return simple + "." + seen.name() + ": " + (run.runFailure() == null ? "not run" : run.runFailure());
    }

    private static Case failureOf(List<Run> runs, String key, Case seen) {
        for (Run run : runs) {
            for (Case c : run.cases()) {
                if (c.key().equals(key) && c.status() == Status.FAILED) {
                    return c;
                }
            }
        }
        return new Case(
                seen.className(), seen.name(), Status.FAILED, null, runs.get(0).runFailure(), null);
    }

    /** Run {@code index} as its reports and summary tell it; a run without them did not finish. */
    private Run read(int index, ProcessOutcome outcome, Path reports, String testClass) throws IOException {
        Path summaryFile = reports.resolve("summary.properties");
        if (!Files.isRegularFile(summaryFile) || !LaunchReport.written(reports)) {
            return new Run(
                    index,
                    outcome,
                    List.of(),
                    "the test JVM ended (exit " + outcome.exitCode() + ") before run " + index
                            + " reported (does the test call System.exit?): " + tail(outcome.output(), 10));
        }
        List<Case> cases = LaunchReport.read(reports);
        Properties summary = new Properties();
        try (var in = Files.newBufferedReader(summaryFile, StandardCharsets.UTF_8)) {
            summary.load(in);
        }
        long found = Long.parseLong(summary.getProperty("testsFound", "0"));
        long containersFailed = Long.parseLong(summary.getProperty("containersFailed", "0"));
        boolean anyFailed = cases.stream().anyMatch(c -> c.status() == Status.FAILED);
        if (found == 0 && containersFailed == 0) {
            return new Run(
                    index,
                    outcome,
                    cases,
                    "no test found in " + testClass + " (JUnit 5: @org.junit.jupiter.api.Test on"
                            + " methods; JUnit 4: @org.junit.Test on public methods of a public class)");
        }
        if (containersFailed > 0 && !anyFailed) {
            String why = summary.getProperty("containerFailures", "").strip();
            return new Run(
                    index,
                    outcome,
                    cases,
                    "the launcher reported a failure outside the test cases: "
                            + (why.isEmpty() ? containerFailure(outcome.output()) : why));
        }
        return new Run(index, outcome, cases, null);
    }

    /** The lines of a {@code :: FAILED} event without a test case (a class or engine that failed) and what follows. */
    private static String containerFailure(String output) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(":: FAILED")) {
                List<String> block = new ArrayList<>(List.of(lines.get(i).strip()));
                for (int j = i + 1;
                        j < lines.size() && j < i + 6 && lines.get(j).startsWith("\t");
                        j++) {
                    block.add(lines.get(j).strip());
                }
                return String.join("\n  ", block);
            }
        }
        return tail(output, 10);
    }

    private String timeoutMessage(int run, String output) {
        String running = null;
        for (String line : output.lines().toList()) {
            if (line.endsWith(":: STARTED")) {
                running =
                        line.substring(0, line.length() - ":: STARTED".length()).strip();
            } else if (running != null && line.startsWith(running + " :: ")) {
                running = null;
            }
        }
        return "run " + run + " of " + settings.runs() + " ran past its "
                + settings.testTimeout().toSeconds() + " s limit"
                + (running == null ? "" : "; still running: " + running);
    }

    static String tail(String output, int lines) {
        List<String> all = output.strip().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static Outcome terminal(Verdict verdict, String diagnostics, int casesRun, int runsDone) {
        return new Outcome(Optional.of(verdict), diagnostics, casesRun, Map.of(), "", List.of(), runsDone);
    }

    /** The test JVM: {@link RepeatedLaunch} on the candidate's class with the JaCoCo agent, in the sandbox. */
    private SandboxedCommand command(
            Path round, Path work, Path tmp, Path reports, Path exec, Path classpathFile, String testClass) {
        long heap = Math.max(64L << 20, Math.min(2L << 30, settings.memoryBytes() / 4));
        List<String> argv = new ArrayList<>(List.of(tools.java().toString()));
        argv.addAll(JavaTools.JVM_OPTIONS);
        argv.addAll(List.of(
                "-Xmx" + (heap >> 20) + "m",
                "-XX:MaxMetaspaceSize=256m",
                "-XX:CompressedClassSpaceSize=128m",
                "-Djava.io.tmpdir=" + tmp,
                "-Duser.home=" + work));
        if (tools.archive() != null) {
            argv.addAll(List.of("-XX:SharedArchiveFile=" + tools.archive(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        argv.add("-javaagent:" + tools.agentJar() + "=destfile=" + exec + ",append=false,includes=" + agentIncludes
                + ",excludes=org.junit.*:junit.*:org.opentest4j.*:org.hamcrest.*:org.assertj.*");
        argv.addAll(List.of(
                "-cp",
                tools.classPath(),
                RepeatedLaunch.class.getName(),
                Integer.toString(settings.runs()),
                Long.toString(settings.testTimeout().toMillis()),
                reports.toString(),
                classpathFile.toString(),
                testClass));

        List<Path> readOnly = new ArrayList<>();
        readOnly.add(tools.javaHome());
        readOnly.addAll(tools.files());
        for (Path entry : module.sandboxReadOnly()) {
            if (!readOnly.contains(entry)) {
                readOnly.add(entry);
            }
        }
        Map<String, String> env = Map.of(
                "PATH",
                "/usr/bin:/bin",
                "HOME",
                work.toString(),
                "TMPDIR",
                tmp.toString(),
                "LANG",
                "C.UTF-8",
                "TZ",
                "UTC",
                "MALLOC_ARENA_MAX",
                "2");
        // each run has its own limit inside the JVM; the sandbox's is the backstop for all of them and the start
        Duration wall = settings.testTimeout().multipliedBy(settings.runs()).plus(JVM_START_ALLOWANCE);
        return new SandboxedCommand(
                argv,
                work,
                env,
                readOnly,
                List.of(round),
                List.of(),
                wall,
                settings.memoryBytes(),
                settings.maxProcesses());
    }

    /** Time a loaded machine may take to start the test JVM, beyond the runs' own limits. */
    private static final Duration JVM_START_ALLOWANCE = Duration.ofSeconds(30);
}
