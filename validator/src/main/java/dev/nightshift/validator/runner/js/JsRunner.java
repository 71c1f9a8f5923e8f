package dev.nightshift.validator.runner.js;

import static dev.nightshift.validator.runner.RunOutput.elapsedMs;
import static dev.nightshift.validator.runner.RunOutput.fileName;
import static dev.nightshift.validator.runner.RunOutput.tail;
import static dev.nightshift.validator.runner.RunOutput.violation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightshift.core.validation.Coverage;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.Diagnostics;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.runner.FileLines;
import dev.nightshift.validator.runner.PreparedProject;
import dev.nightshift.validator.runner.ProjectRunner;
import dev.nightshift.validator.runner.Scratch;
import dev.nightshift.validator.runner.WorkspaceException;
import dev.nightshift.validator.sandbox.ProcessOutcome;
import dev.nightshift.validator.sandbox.Sandbox;
import dev.nightshift.validator.sandbox.SandboxException;
import dev.nightshift.validator.sandbox.SandboxedCommand;
import dev.nightshift.validator.sandbox.UnsandboxedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * JavaScript tests: Mocha, Jest, Vitest and node:test.
 *
 * <p>Prepare, trusted, on the host: {@code npm ci} when the checkout has a lockfile, else {@code npm install};
 * then the existing suite once for the baseline: under {@code NODE_V8_COVERAGE} for Mocha and node:test
 * ({@code npm test} when the package declares a test script, else the runner itself), with the runner's
 * own istanbul coverage for Jest and Vitest.
 *
 * <p>Judge, in the sandbox, with the checkout as an overlay: the candidate is copied to its target path in
 * the candidate's own view of the checkout and only that file runs, through the repository's runner and
 * configuration, {@code settings.runs()} times: Mocha through its CLI with the configured {@code spec}
 * replaced by the file and our reporter, node:test as {@code node --test} with our reporter, Jest as
 * {@code jest --ci --json --runTestsByPath}, Vitest as {@code vitest run --reporter=json}.
 */
public final class JsRunner implements ProjectRunner {
    static final String STATE = ".nightshift/js";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration BASELINE_TIMEOUT = Duration.ofMinutes(30);
    /** Copies the candidate (from the scratch folder) to its path in the overlay, then runs the rest. */
    private static final String PLACE = "mkdir -p \"$(dirname \"$2\")\" && cp \"$1\" \"$2\" && shift 2 && exec \"$@\"";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final ValidatorSettings settings;
    private final Sandbox host = new UnsandboxedProcess();

    public JsRunner(Sandbox sandbox, ValidatorSettings settings) {
        this.sandbox = sandbox;
        this.settings = settings;
    }

    @Override
    public boolean handles(TestFramework framework) {
        return framework == TestFramework.MOCHA
                || framework == TestFramework.JEST
                || framework == TestFramework.VITEST
                || framework == TestFramework.NODE_TEST;
    }

    // ---------------------------------------------------------------- prepare

    @Override
    public JsProject prepare(Path checkout) throws WorkspaceException {
        try {
            Path root = checkout.toRealPath();
            if (!Files.isRegularFile(root.resolve("package.json"))) {
                throw new WorkspaceException("no package.json in " + checkout, null);
            }
            JsonNode pkg = JSON.readTree(Files.readString(root.resolve("package.json"), StandardCharsets.UTF_8));
            TestFramework framework = framework(pkg);
            Path state = Files.createDirectories(root.resolve(STATE));
            Path node = Path.of(hostStep(
                                    "locate node",
                                    List.of("node", "-p", "process.execPath"),
                                    root,
                                    Map.of(),
                                    INSTALL_TIMEOUT)
                            .strip())
                    .toRealPath();
            Path prepared = state.resolve("prepared");
            if (!Files.exists(prepared)) {
                boolean locked = Files.isRegularFile(root.resolve("package-lock.json"))
                        || Files.isRegularFile(root.resolve("npm-shrinkwrap.json"));
                hostStep(
                        "install the project's dependencies",
                        List.of("npm", locked ? "ci" : "install", "--no-audit", "--no-fund"),
                        root,
                        Map.of(),
                        INSTALL_TIMEOUT);
                if (framework == TestFramework.VITEST) {
                    installVitestCoverage(root);
                }
                measureBaseline(root, state, node, framework, pkg);
                Files.writeString(prepared, "");
            }
            Map<String, List<List<V8Coverage.Range>>> v8 = new HashMap<>();
            Path v8Dir = state.resolve("baseline-v8");
            if (Files.isDirectory(v8Dir)) {
                try (Stream<Path> files = Files.list(v8Dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".json"))
                            .sorted()
                            .toList()) {
                        V8Coverage.read(Files.readString(f, StandardCharsets.UTF_8), root, v8);
                    }
                }
            }
            Path istanbulReport = state.resolve("baseline-istanbul/coverage-final.json");
            Map<String, FileLines> istanbul = Files.isRegularFile(istanbulReport)
                    ? IstanbulCoverage.parse(Files.readString(istanbulReport, StandardCharsets.UTF_8), root)
                    : Map.of();
            Path nodePrefix = node.getParent().getParent();
            return new JsProject(
                    root,
                    node,
                    List.of(nodePrefix),
                    framework,
                    Files.isDirectory(root.resolve("node_modules/@vitest/coverage-v8")),
                    v8,
                    istanbul);
        } catch (IOException e) {
            throw new WorkspaceException(
                    "cannot prepare the JavaScript project " + checkout + ": " + e.getMessage(), e);
        }
    }

    /** The framework package.json depends on, in ingest's order (Vitest, Jest, Mocha), else node:test. */
    static TestFramework framework(JsonNode pkg) {
        for (String deps : List.of("dependencies", "devDependencies")) {
            if (pkg.path(deps).has("vitest")) {
                return TestFramework.VITEST;
            }
        }
        for (String deps : List.of("dependencies", "devDependencies")) {
            if (pkg.path(deps).has("jest")) {
                return TestFramework.JEST;
            }
        }
        for (String deps : List.of("dependencies", "devDependencies")) {
            if (pkg.path(deps).has("mocha")) {
                return TestFramework.MOCHA;
            }
        }
        return TestFramework.NODE_TEST;
    }

    /** Vitest measures coverage only with its provider package; add the one matching the installed Vitest. */
    private void installVitestCoverage(Path root) throws IOException, WorkspaceException {
        if (Files.isDirectory(root.resolve("node_modules/@vitest/coverage-v8"))
                || !Files.isRegularFile(root.resolve("node_modules/vitest/package.json"))) {
            return;
        }
        String version = JSON.readTree(Files.readString(root.resolve("node_modules/vitest/package.json")))
                .path("version")
                .asText();
        ProcessOutcome outcome = hostRun(
                List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "@vitest/coverage-v8@" + version),
                root,
                Map.of(),
                INSTALL_TIMEOUT);
        if (outcome.timedOut() || outcome.exitCode() != 0) {
            throw new WorkspaceException(
                    "cannot install @vitest/coverage-v8@" + version + " to measure coverage:\n"
                            + tail(outcome.output()),
                    null);
        }
    }

    /**
     * Runs the existing suite once, measuring coverage. A failing suite still measures what ran; the run's
     * exit code is not judged, only a suite that runs past its limit fails the preparation.
     */
    private void measureBaseline(Path root, Path state, Path node, TestFramework framework, JsonNode pkg)
            throws IOException, WorkspaceException {
        String script = pkg.path("scripts").path("test").asText("");
        boolean ownScript = !script.isBlank() && !script.contains("no test specified");
        Map<String, String> env = new HashMap<>();
        List<String> argv;
        switch (framework) {
            case JEST ->
                argv = List.of(
                        node.toString(),
                        root.resolve("node_modules/.bin/jest").toString(),
                        "--ci",
                        "--coverage",
                        "--coverageReporters=json",
                        "--coverageDirectory=" + state.resolve("baseline-istanbul"),
                        "--watchman=false");
            case VITEST ->
                argv = List.of(
                        node.toString(),
                        root.resolve("node_modules/.bin/vitest").toString(),
                        "run",
                        "--coverage.enabled=true",
                        "--coverage.provider=v8",
                        "--coverage.reporter=json",
                        "--coverage.reportsDirectory=" + state.resolve("baseline-istanbul"));
            case MOCHA ->
                argv = ownScript
                        ? List.of("npm", "test")
                        : List.of(
                                node.toString(),
                                root.resolve("node_modules/.bin/mocha").toString());
            default -> argv = ownScript ? List.of("npm", "test") : List.of(node.toString(), "--test");
        }
        if (framework == TestFramework.MOCHA || framework == TestFramework.NODE_TEST) {
            env.put("NODE_V8_COVERAGE", state.resolve("baseline-v8").toString());
        }
        ProcessOutcome run = hostRun(argv, root, env, BASELINE_TIMEOUT);
        if (run.timedOut()) {
            throw new WorkspaceException(
                    "the existing test suite ran past " + BASELINE_TIMEOUT + ":\n" + tail(run.output()), null);
        }
    }

    private String hostStep(String what, List<String> argv, Path root, Map<String, String> extraEnv, Duration limit)
            throws WorkspaceException {
        ProcessOutcome outcome = hostRun(argv, root, extraEnv, limit);
        if (outcome.timedOut() || outcome.exitCode() != 0) {
            throw new WorkspaceException(
                    "cannot " + what + " (" + String.join(" ", argv) + ": "
                            + (outcome.timedOut() ? "ran past " + limit : "exit " + outcome.exitCode()) + "):\n"
                            + tail(outcome.output()),
                    null);
        }
        return outcome.output();
    }

    /** A trusted step on the host, with the host's environment (npm configuration, proxies). */
    private ProcessOutcome hostRun(List<String> argv, Path root, Map<String, String> extraEnv, Duration limit)
            throws WorkspaceException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CI", "true");
        env.putAll(extraEnv);
        try {
            return host.run(new SandboxedCommand(
                    argv,
                    root,
                    env,
                    List.of(),
                    List.of(root),
                    List.of(),
                    limit,
                    settings.memoryBytes(),
                    settings.maxProcesses()));
        } catch (SandboxException e) {
            throw new WorkspaceException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- judge

    @Override
    public Validation judge(PreparedProject prepared, Candidate candidate) {
        long started = System.nanoTime();
        JsProject project = (JsProject) prepared;
        try (Scratch scratch = Scratch.create(settings.home(), "js-")) {
            return new Judging(project, candidate.target(), scratch, started).judge(candidate.source());
        } catch (IOException | SandboxException e) {
            return Validation.of(
                    Verdict.INFRASTRUCTURE,
                    Diagnostics.trim("cannot run the candidate: " + e.getMessage(), settings.diagnosticChars()),
                    elapsedMs(started));
        }
    }

    /** One candidate's runs, its pruned re-run when only some cases failed, and its coverage. */
    private final class Judging {
        private final JsProject project;
        private final TestTarget target;
        private final TestFramework framework;
        private final Scratch scratch;
        private final long started;
        private int runs;

        Judging(JsProject project, TestTarget target, Scratch scratch, long started) {
            this.project = project;
            this.target = target;
            this.framework = target.framework();
            this.scratch = scratch;
            this.started = started;
        }

        private boolean istanbul() {
            return framework == TestFramework.JEST || framework == TestFramework.VITEST;
        }

        Validation judge(String source) throws IOException, SandboxException {
            scratch.write("mocha-reporter.cjs", JsReports.MOCHA_REPORTER);
            scratch.write("mocha-one-file.cjs", JsReports.MOCHA_ONE_FILE);
            scratch.write("node-test-reporter.mjs", JsReports.NODE_TEST_REPORTER);
            Series first = series("candidate", source);
            if (first.verdict != null) {
                return first.verdict;
            }
            List<JsReports.Case> failing = first.alwaysFailing();
            if (failing.isEmpty()) {
                return passed(first, source, first.caseCount(), "candidate");
            }
            String failures = describeFailures(failing, first.caseCount());
            Optional<String> pruned = JsCasePruner.remove(
                    source, failing.stream().map(JsReports.Case::path).toList());
            if (pruned.isEmpty()) {
                return validation(Verdict.FAILED, failures, first.caseCount());
            }
            Series rerun = series("pruned", pruned.get());
            if (rerun.verdict != null) {
                return validation(
                        rerun.verdict.verdict(),
                        failures + "\nafter removing the failing cases:\n" + rerun.verdict.diagnostics(),
                        first.caseCount());
            }
            List<JsReports.Case> stillFailing = rerun.alwaysFailing();
            if (!stillFailing.isEmpty()) {
                return validation(
                        Verdict.FAILED,
                        failures + "\nafter removing the failing cases:\n"
                                + describeFailures(stillFailing, rerun.caseCount()),
                        first.caseCount());
            }
            return passed(rerun, pruned.get(), first.caseCount(), "pruned");
        }

        private Series series(String label, String source) throws IOException, SandboxException {
            Path candidateFile = scratch.write(label + "/" + fileName(target.path()), source);
            List<JsReports.Run> results = new ArrayList<>();
            for (int i = 1; i <= settings.runs(); i++) {
                Path runDir = Files.createDirectories(scratch.resolve(label + "/run-" + i));
                List<String> argv = new ArrayList<>(List.of(
                        "/bin/sh",
                        "-c",
                        PLACE,
                        "place",
                        candidateFile.toString(),
                        project.root().resolve(target.path()).toString()));
                argv.addAll(runArgv(runDir));
                Map<String, String> env = new LinkedHashMap<>();
                env.put("NIGHTSHIFT_REPORT", runDir.resolve("report.jsonl").toString());
                if (!istanbul()) {
                    env.put("NODE_V8_COVERAGE", runDir.resolve("v8").toString());
                }
                SandboxedCommand command = command(argv, env);
                ProcessOutcome outcome = sandbox.run(command);
                runs++;
                if (outcome.timedOut()) {
                    return Series.decided(validation(
                            Verdict.TIMEOUT,
                            "the test ran past its " + settings.testTimeout().toSeconds() + " s limit (run " + i
                                    + " of " + settings.runs() + "):\n" + tail(outcome.output()),
                            0));
                }
                Optional<JsReports.Run> read = read(runDir, outcome);
                Optional<String> violation = violation(
                        command,
                        outcome,
                        read.map(r -> (r.loadError() == null ? "" : r.loadError()) + "\n"
                                        + r.cases().stream()
                                                .map(JsReports.Case::detail)
                                                .collect(java.util.stream.Collectors.joining("\n")))
                                .orElse(""));
                if (violation.isPresent()) {
                    return Series.decided(validation(Verdict.SANDBOX_VIOLATION, violation.get(), 0));
                }
                if (read.isEmpty()) {
                    return Series.decided(validation(
                            Verdict.INFRASTRUCTURE,
                            framework.id() + " ended (exit " + outcome.exitCode() + ") without a report:\n"
                                    + tail(outcome.output()),
                            0));
                }
                JsReports.Run run = read.get();
                if (run.loadError() != null) {
                    Verdict verdict = results.isEmpty() ? Verdict.BUILD_FAILED : Verdict.FLAKY;
                    return Series.decided(validation(
                            verdict,
                            (verdict == Verdict.FLAKY
                                            ? "run " + i + " could not load the test after earlier runs passed:\n"
                                            : "the test does not load:\n")
                                    + condense(run.loadError()),
                            0));
                }
                if (run.cases().isEmpty()) {
                    return Series.decided(validation(
                            Verdict.FAILED,
                            framework.id() + " found no test case in " + target.path() + "\n" + tail(outcome.output()),
                            0));
                }
                if (i == 1 && run.cases().stream().noneMatch(c -> c.status() == JsReports.Status.PASSED)) {
                    List<JsReports.Case> failed = run.cases().stream()
                            .filter(c -> c.status() == JsReports.Status.FAILED)
                            .toList();
                    return Series.decided(validation(
                            Verdict.FAILED,
                            failed.isEmpty()
                                    ? "every test case was skipped"
                                    : describeFailures(failed, run.cases().size()),
                            run.cases().size()));
                }
                results.add(run);
            }
            Series series = new Series(null, results);
            List<String> flaky = series.flaky();
            if (!flaky.isEmpty()) {
                return Series.decided(validation(
                        Verdict.FLAKY,
                        "passed and failed across " + settings.runs() + " runs:\n" + condense(String.join("\n", flaky)),
                        series.caseCount()));
            }
            return series;
        }

        /** The runner's command for the candidate file alone, reporting to {@code runDir}. */
        private List<String> runArgv(Path runDir) {
            String node = project.node().toString();
            String file = project.root().resolve(target.path()).toString();
            Path bin = project.root().resolve("node_modules/.bin");
            return switch (framework) {
                case MOCHA ->
                    List.of(
                            node,
                            scratch.resolve("mocha-one-file.cjs").toString(),
                            file,
                            scratch.resolve("mocha-reporter.cjs").toString());
                case JEST ->
                    List.of(
                            node,
                            bin.resolve("jest").toString(),
                            "--ci",
                            "--json",
                            "--outputFile=" + runDir.resolve("report.json"),
                            "--runTestsByPath",
                            file,
                            "--coverage",
                            "--collectCoverageFrom=" + target.sourcePath(),
                            "--coverageReporters=json",
                            "--coverageDirectory=" + runDir.resolve("coverage"),
                            "--cacheDirectory=" + scratch.resolve("jest-cache"),
                            "--watchman=false",
                            "--runInBand");
                case VITEST -> {
                    List<String> argv = new ArrayList<>(List.of(
                            node,
                            bin.resolve("vitest").toString(),
                            "run",
                            file,
                            "--reporter=json",
                            "--outputFile=" + runDir.resolve("report.json")));
                    if (project.vitestCoverage()) {
                        argv.addAll(List.of(
                                "--coverage.enabled=true",
                                "--coverage.provider=v8",
                                "--coverage.reporter=json",
                                "--coverage.include=" + target.sourcePath(),
                                "--coverage.reportsDirectory=" + runDir.resolve("coverage")));
                    }
                    yield argv;
                }
                default ->
                    List.of(
                            node,
                            "--test",
                            "--test-reporter=" + scratch.resolve("node-test-reporter.mjs"),
                            "--test-reporter-destination=" + runDir.resolve("report.jsonl"),
                            file);
            };
        }

        /** The run's cases; empty when the runner left no report at all (its own failure, not the test's). */
        private Optional<JsReports.Run> read(Path runDir, ProcessOutcome outcome) throws IOException {
            if (istanbul()) {
                Optional<String> json = scratch.read(runDir.resolve("report.json"));
                return json.isEmpty() ? Optional.empty() : Optional.of(JsReports.jest(json.get()));
            }
            String report = scratch.read(runDir.resolve("report.jsonl")).orElse("");
            JsReports.Run run = JsReports.lines(report, target.path(), outcome.output());
            if (run.loadError() == null && run.cases().isEmpty() && outcome.exitCode() != 0) {
                return Optional.of(new JsReports.Run(outcome.output(), List.of()));
            }
            return Optional.of(run);
        }

        private Validation passed(Series series, String kept, int casesRun, String label) throws IOException {
            FileLines measured = istanbul() ? istanbulCoverage(label) : v8Coverage(label);
            FileLines baseline = istanbul()
                    ? project.istanbulBaseline(target.sourcePath())
                    : project.v8Baseline(target.sourcePath());
            Coverage coverage = FileLines.gain(baseline, measured);
            boolean gained = coverage.gained();
            String keptTest = gained || settings.keepNoGain() ? kept : null;
            return new Validation(
                    gained ? Verdict.PASSED : Verdict.NO_GAIN,
                    "",
                    coverage,
                    keptTest,
                    casesRun,
                    series.caseCount(),
                    runs,
                    elapsedMs(started));
        }

        private FileLines istanbulCoverage(String label) throws IOException {
            Optional<String> json = scratch.read(scratch.resolve(label + "/run-1/coverage/coverage-final.json"));
            return json.isEmpty()
                    ? FileLines.NONE
                    : IstanbulCoverage.parse(json.get(), project.root())
                            .getOrDefault(target.sourcePath(), FileLines.NONE);
        }

        private FileLines v8Coverage(String label) throws IOException {
            Path dir = scratch.resolve(label + "/run-1/v8");
            Map<String, List<List<V8Coverage.Range>>> ranges = new HashMap<>();
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".json"))
                            .sorted()
                            .toList()) {
                        Optional<String> json = scratch.read(f);
                        if (json.isPresent()) {
                            V8Coverage.read(json.get(), project.root(), ranges);
                        }
                    }
                }
            }
            Path source = project.root().resolve(target.sourcePath());
            if (!Files.isRegularFile(source)) {
                return FileLines.NONE;
            }
            return V8Coverage.lines(
                    Files.readString(source, StandardCharsets.UTF_8),
                    ranges.getOrDefault(target.sourcePath(), List.of()));
        }

        private SandboxedCommand command(List<String> argv, Map<String, String> extraEnv) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(
                    "PATH",
                    project.node().getParent() + ":" + project.root().resolve("node_modules/.bin")
                            + ":/usr/local/bin:/usr/bin:/bin");
            env.put("HOME", scratch.resolve("home").toString());
            env.put("TMPDIR", scratch.resolve("tmp").toString());
            env.put("CI", "true");
            env.put("NO_COLOR", "1");
            env.put("FORCE_COLOR", "0");
            env.put("LANG", "C.UTF-8");
            env.putAll(extraEnv);
            return new SandboxedCommand(
                    argv,
                    project.root(),
                    env,
                    project.toolchain(),
                    List.of(scratch.dir()),
                    List.of(project.root()),
                    settings.testTimeout(),
                    settings.memoryBytes(),
                    settings.maxProcesses());
        }

        private Validation validation(Verdict verdict, String diagnostics, int casesRun) {
            return new Validation(
                    verdict,
                    Diagnostics.trim(diagnostics.replace(project.root() + "/", ""), settings.diagnosticChars()),
                    Coverage.NONE,
                    null,
                    casesRun,
                    0,
                    runs,
                    elapsedMs(started));
        }

        private String describeFailures(List<JsReports.Case> failing, int total) {
            StringBuilder out = new StringBuilder(failing.size() + " of " + total + " test cases failed:");
            for (JsReports.Case c : failing) {
                out.append("\n").append(c.id()).append(": ").append(condense(c.detail()));
            }
            return out.toString();
        }

        /** Output without colour codes and without stack frames other than the candidate's own. */
        private String condense(String text) {
            List<String> kept = new ArrayList<>();
            for (String line : text.replaceAll("\u001B\\[[0-9;]*m", "").split("\n")) {
                boolean frame = line.stripLeading().startsWith("at ");
                if (!frame || line.contains(target.path())) {
                    kept.add(line.stripTrailing());
                }
            }
            return String.join("\n", kept).strip();
        }
    }

    /** The runs of one source: a verdict they already decided, or each run's cases. */
    private record Series(Validation verdict, List<JsReports.Run> results) {
        static Series decided(Validation verdict) {
            return new Series(verdict, List.of());
        }

        int caseCount() {
            return results.isEmpty() ? 0 : results.get(0).cases().size();
        }

        List<JsReports.Case> alwaysFailing() {
            return byId().values().stream()
                    .filter(cases -> cases.stream().allMatch(c -> c.status() == JsReports.Status.FAILED))
                    .map(cases -> cases.get(0))
                    .toList();
        }

        List<String> flaky() {
            List<String> flaky = new ArrayList<>();
            byId().forEach((id, cases) -> {
                boolean mixed = cases.size() != results.size()
                        || cases.stream().map(JsReports.Case::status).distinct().count() > 1;
                if (mixed) {
                    String failure = cases.stream()
                            .filter(c -> c.status() == JsReports.Status.FAILED)
                            .map(JsReports.Case::detail)
                            .findFirst()
                            .orElse("missing from some runs");
                    flaky.add(id + ": " + failure);
                }
            });
            return flaky;
        }

        private Map<String, List<JsReports.Case>> byId() {
            Map<String, List<JsReports.Case>> byId = new LinkedHashMap<>();
            for (JsReports.Run run : results) {
                for (JsReports.Case c : run.cases()) {
                    byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
                }
            }
            return byId;
        }
    }
}
