package dev.nightshift.validator.runner.python;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python tests (pytest, and unittest cases, which pytest runs too).
 *
 * <p>Prepare, trusted, on the host: a virtual environment in the checkout ({@code .nightshift/python/venv}),
 * the repository's declared dependencies installed into it ({@link ProjectInstall}) with pytest and
 * coverage.py, then the existing suite once under {@code coverage run --branch -m pytest} for the baseline.
 *
 * <p>Judge, in the sandbox, with the checkout as an overlay: the candidate is copied to its target path in the
 * candidate's own view of the checkout, so the repository's conftest files, rootdir and pytest settings apply
 * as they do to its own tests, and {@code pytest -q -p no:cacheprovider <path>} runs it under coverage of the
 * target file, {@code settings.runs()} times; results come from pytest's junit report.
 */
public final class PythonRunner implements ProjectRunner {
    static final String STATE = ".nightshift/python";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration BASELINE_TIMEOUT = Duration.ofMinutes(30);
    /** Copies the candidate (from the scratch folder) to its path in the overlay, then runs the rest. */
    private static final String PLACE = "mkdir -p \"$(dirname \"$2\")\" && cp \"$1\" \"$2\" && shift 2 && exec \"$@\"";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final ValidatorSettings settings;
    private final String hostPython;
    private final Sandbox host = new UnsandboxedProcess();

    public PythonRunner(Sandbox sandbox, ValidatorSettings settings) {
        this(sandbox, settings, "python3");
    }

    /** @param hostPython the interpreter that creates virtual environments (a name on the PATH or a path) */
    public PythonRunner(Sandbox sandbox, ValidatorSettings settings, String hostPython) {
        this.sandbox = sandbox;
        this.settings = settings;
        this.hostPython = hostPython;
    }

    @Override
    public boolean handles(TestFramework framework) {
        return framework == TestFramework.PYTEST || framework == TestFramework.UNITTEST;
    }

    // ---------------------------------------------------------------- prepare

    @Override
    public PythonProject prepare(Path checkout) throws WorkspaceException {
        try {
            Path root = checkout.toRealPath();
            Path state = Files.createDirectories(root.resolve(STATE));
            Path venv = state.resolve("venv");
            Path prepared = state.resolve("prepared");
            if (!Files.exists(prepared)) {
                hostStep(
                        "create a virtual environment",
                        List.of(hostPython, "-m", "venv", venv.toString()),
                        root,
                        venv,
                        INSTALL_TIMEOUT);
                List<String> install = new ArrayList<>(List.of(
                        venv.resolve("bin/python").toString(),
                        "-m",
                        "pip",
                        "install",
                        "--disable-pip-version-check",
                        "--no-input",
                        "--progress-bar",
                        "off"));
                install.addAll(ProjectInstall.pipArguments(root));
                hostStep("install the project's dependencies", install, root, venv, INSTALL_TIMEOUT);
                measureBaseline(root, state, venv);
                Files.writeString(prepared, "");
            }
            Path basePrefix = Path.of(hostStep(
                            "locate the interpreter's installation",
                            List.of(
                                    venv.resolve("bin/python").toString(),
                                    "-c",
                                    "import os, sys; print(os.path.realpath(sys.base_prefix))"),
                            root,
                            venv,
                            INSTALL_TIMEOUT)
                    .strip());
            Path baselineReport = state.resolve("baseline.json");
            Map<String, FileLines> baseline = Files.isRegularFile(baselineReport)
                    ? CoverageJson.parse(Files.readString(baselineReport), root)
                    : Map.of();
            return new PythonProject(root, venv, List.of(basePrefix), baseline);
        } catch (IOException e) {
            throw new WorkspaceException(
                    "cannot prepare the Python environment of " + checkout + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the existing suite once under coverage of every file of the checkout. A suite with failing tests or
     * modules that do not import still measures what ran; only a run pytest itself refused (exit 3 or 4:
     * an internal or usage error) fails the preparation, since every candidate would hit it too.
     */
    private void measureBaseline(Path root, Path state, Path venv) throws IOException, WorkspaceException {
        Path rc = state.resolve("baseline.coveragerc");
        Files.writeString(rc, """
                [run]
                branch = True
                source = %s
                omit = %s/*
                data_file = %s
                [report]
                ignore_errors = True
                """.formatted(root, state, state.resolve("baseline.coverage")));
        String python = venv.resolve("bin/python").toString();
        ProcessOutcome run = hostRun(
                List.of(
                        python,
                        "-m",
                        "coverage",
                        "run",
                        "--rcfile=" + rc,
                        "-m",
                        "pytest",
                        "-q",
                        "-p",
                        "no:cacheprovider",
                        "--continue-on-collection-errors"),
                root,
                venv,
                BASELINE_TIMEOUT);
        if (run.timedOut() || run.exitCode() == 3 || run.exitCode() == 4) {
            throw new WorkspaceException(
                    "the existing test suite "
                            + (run.timedOut()
                                    ? "ran past " + BASELINE_TIMEOUT
                                    : "could not run (pytest exit " + run.exitCode() + ")")
                            + ":\n" + tail(run.output()),
                    null);
        }
        hostRun(
                List.of(
                        python,
                        "-m",
                        "coverage",
                        "json",
                        "--rcfile=" + rc,
                        "-o",
                        state.resolve("baseline.json").toString()),
                root,
                venv,
                BASELINE_TIMEOUT);
    }

    private String hostStep(String what, List<String> argv, Path root, Path venv, Duration limit)
            throws WorkspaceException {
        ProcessOutcome outcome = hostRun(argv, root, venv, limit);
        if (outcome.timedOut() || outcome.exitCode() != 0) {
            throw new WorkspaceException(
                    "cannot " + what + " (" + String.join(" ", argv) + ": "
                            + (outcome.timedOut() ? "ran past " + limit : "exit " + outcome.exitCode()) + "):\n"
                            + tail(outcome.output()),
                    null);
        }
        return outcome.output();
    }

    /** A trusted step on the host, with the host's environment (proxies, pip configuration) and the venv first. */
    private ProcessOutcome hostRun(List<String> argv, Path root, Path venv, Duration limit) throws WorkspaceException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("VIRTUAL_ENV", venv.toString());
        env.put("PATH", venv.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PIP_NO_INPUT", "1");
        env.remove("PYTHONHOME");
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
        PythonProject project = (PythonProject) prepared;
        try (Scratch scratch = Scratch.create(settings.home(), "python-")) {
            Judging judging = new Judging(project, candidate.target(), scratch, started);
            return judging.judge(candidate.source());
        } catch (IOException | SandboxException e) {
            return Validation.of(
                    Verdict.INFRASTRUCTURE,
                    Diagnostics.trim("cannot run the candidate: " + e.getMessage(), settings.diagnosticChars()),
                    elapsedMs(started));
        }
    }

    /** One candidate's runs, its pruned re-run when only some cases failed, and its coverage. */
    private final class Judging {
        private final PythonProject project;
        private final TestTarget target;
        private final Scratch scratch;
        private final long started;
        private int runs;

        Judging(PythonProject project, TestTarget target, Scratch scratch, long started) {
            this.project = project;
            this.target = target;
            this.scratch = scratch;
            this.started = started;
        }

        Validation judge(String source) throws IOException, SandboxException {
            Series first = series("candidate", source);
            if (first.verdict != null) {
                return first.verdict;
            }
            List<JunitReport.Case> failing = first.alwaysFailing();
            if (failing.isEmpty()) {
                return passed(first, source, first.caseCount(), "candidate");
            }
            String failures = describeFailures(failing, first.caseCount());
            Optional<String> pruned = prune(source, failing);
            if (pruned.isEmpty()) {
                return validation(Verdict.FAILED, failures, first.caseCount());
            }
            Series rerun = series("pruned", pruned.get());
            if (rerun.verdict != null) {
                return withDiagnostics(
                        rerun.verdict,
                        failures + "\nafter removing the failing cases:\n" + rerun.verdict.diagnostics(),
                        first.caseCount());
            }
            List<JunitReport.Case> stillFailing = rerun.alwaysFailing();
            if (!stillFailing.isEmpty()) {
                return validation(
                        Verdict.FAILED,
                        failures + "\nafter removing the failing cases:\n"
                                + describeFailures(stillFailing, rerun.caseCount()),
                        first.caseCount());
            }
            return passed(rerun, pruned.get(), first.caseCount(), "pruned");
        }

        /** Runs the source k times; a verdict when the runs already decide one, else the per-case results. */
        private Series series(String label, String source) throws IOException, SandboxException {
            Path candidateFile = scratch.write(label + "/" + fileName(target.path()), source);
            List<JunitReport.Run> results = new ArrayList<>();
            for (int i = 1; i <= settings.runs(); i++) {
                Path runDir = Files.createDirectories(scratch.resolve(label + "/run-" + i));
                Path rc = scratch.write(label + "/run-" + i + "/coveragerc", """
                        [run]
                        branch = True
                        data_file = %s
                        include =
                            %s
                        [report]
                        ignore_errors = True
                        """.formatted(
                                runDir.resolve(".coverage"), project.root().resolve(target.sourcePath())));
                List<String> argv = new ArrayList<>(List.of(
                        "/bin/sh",
                        "-c",
                        PLACE,
                        "place",
                        candidateFile.toString(),
                        project.root().resolve(target.path()).toString(),
                        project.python().toString(),
                        "-m",
                        "coverage",
                        "run",
                        "--rcfile=" + rc,
                        "-m",
                        "pytest",
                        "-q",
                        "-p",
                        "no:cacheprovider",
                        "--junitxml=" + runDir.resolve("junit.xml"),
                        target.path()));
                SandboxedCommand command = command(argv);
                ProcessOutcome outcome = sandbox.run(command);
                runs++;
                if (outcome.timedOut()) {
                    return Series.decided(validation(
                            Verdict.TIMEOUT,
                            "the test ran past its " + settings.testTimeout().toSeconds() + " s limit (run " + i
                                    + " of " + settings.runs() + "):\n" + tail(outcome.output()),
                            0));
                }
                Optional<String> xml = scratch.read(runDir.resolve("junit.xml"));
                JunitReport.Run parsed = xml.isEmpty() ? null : JunitReport.parse(xml.get());
                Optional<String> violation = violation(
                        command,
                        outcome,
                        parsed == null
                                ? ""
                                : String.join("\n", parsed.collectionErrors()) + "\n"
                                        + parsed.cases().stream()
                                                .map(JunitReport.Case::detail)
                                                .collect(java.util.stream.Collectors.joining("\n")));
                if (violation.isPresent()) {
                    return Series.decided(validation(Verdict.SANDBOX_VIOLATION, violation.get(), 0));
                }
                if (parsed == null) {
                    Verdict verdict = outcome.exitCode() == 4 ? Verdict.INFRASTRUCTURE : Verdict.FAILED;
                    return Series.decided(validation(
                            verdict,
                            "pytest ended (exit " + outcome.exitCode() + ") without a report:\n"
                                    + tail(outcome.output()),
                            0));
                }
                JunitReport.Run run = parsed;
                if (!run.collectionErrors().isEmpty()) {
                    Verdict verdict = results.isEmpty() ? Verdict.BUILD_FAILED : Verdict.FLAKY;
                    return Series.decided(validation(
                            verdict,
                            (verdict == Verdict.FLAKY
                                            ? "run " + i + " could not import the test after earlier runs passed:\n"
                                            : "")
                                    + collectionDiagnostics(run.collectionErrors()),
                            0));
                }
                if (run.cases().isEmpty()) {
                    return Series.decided(validation(
                            Verdict.FAILED,
                            "pytest collected no test case from " + target.path()
                                    + ": test functions must be named test_* (methods too, in classes named Test* without"
                                    + " __init__, or unittest.TestCase subclasses)",
                            0));
                }
                if (i == 1 && run.cases().stream().noneMatch(c -> c.status() == JunitReport.Status.PASSED)) {
                    List<JunitReport.Case> failed = run.cases().stream()
                            .filter(c -> c.status() == JunitReport.Status.FAILED)
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
                        "passed and failed across " + settings.runs() + " runs:\n" + String.join("\n", flaky),
                        series.caseCount()));
            }
            return series;
        }

        private Validation passed(Series series, String kept, int casesRun, String label)
                throws IOException, SandboxException {
            Path report = scratch.resolve(label + "/coverage.json");
            sandbox.run(readOnlyCommand(List.of(
                    project.python().toString(),
                    "-m",
                    "coverage",
                    "json",
                    "--rcfile=" + scratch.resolve(label + "/run-1/coveragerc"),
                    "-o",
                    report.toString())));
            Optional<String> json = scratch.read(report);
            FileLines measured = json.isEmpty()
                    ? FileLines.NONE
                    : CoverageJson.parse(json.get(), project.root()).getOrDefault(target.sourcePath(), FileLines.NONE);
            Coverage coverage = FileLines.gain(project.baseline(target.sourcePath()), measured);
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

        private Optional<String> prune(String source, List<JunitReport.Case> failing)
                throws IOException, SandboxException {
            Path script = scratch.write("prune/prune.py", CasePruner.SCRIPT);
            Path input = scratch.write("prune/" + fileName(target.path()), source);
            Path output = scratch.resolve("prune/pruned.json");
            List<List<String>> remove = CasePruner.targets(failing, target.path()).stream()
                    .map(t -> List.of(t.owner(), t.function()))
                    .toList();
            Path spec = scratch.write(
                    "prune/spec.json",
                    JSON.writeValueAsString(
                            Map.of("source", input.toString(), "output", output.toString(), "remove", remove)));
            sandbox.run(readOnlyCommand(List.of(project.python().toString(), script.toString(), spec.toString())));
            Optional<String> result = scratch.read(output);
            if (result.isEmpty()) {
                return Optional.empty();
            }
            JsonNode pruned = JSON.readTree(result.get());
            return pruned.path("missing").isEmpty()
                    ? Optional.of(pruned.path("source").asText())
                    : Optional.empty();
        }

        /** A run of the candidate: in its own view of the checkout, which it may change. */
        private SandboxedCommand command(List<String> argv) {
            return new SandboxedCommand(
                    argv,
                    project.root(),
                    env(),
                    project.toolchain(),
                    List.of(scratch.dir()),
                    List.of(project.root()),
                    settings.testTimeout(),
                    settings.memoryBytes(),
                    settings.maxProcesses());
        }

        /**
         * A step that only reads the checkout (the coverage report, the pruning script): shown read-only, which
         * spares the sandbox a throw-away view of it.
         */
        private SandboxedCommand readOnlyCommand(List<String> argv) {
            List<Path> readOnly = new ArrayList<>(project.toolchain());
            readOnly.add(project.root());
            return new SandboxedCommand(
                    argv,
                    scratch.dir(),
                    env(),
                    readOnly,
                    List.of(scratch.dir()),
                    List.of(),
                    settings.testTimeout(),
                    settings.memoryBytes(),
                    settings.maxProcesses());
        }

        private Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", project.venv().resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
            env.put("VIRTUAL_ENV", project.venv().toString());
            env.put("HOME", scratch.resolve("home").toString());
            env.put("TMPDIR", scratch.resolve("tmp").toString());
            env.put("PYTHONDONTWRITEBYTECODE", "1");
            env.put("PYTHONUNBUFFERED", "1");
            env.put("LANG", "C.UTF-8");
            return env;
        }

        private Validation validation(Verdict verdict, String diagnostics, int casesRun) {
            return new Validation(
                    verdict,
                    Diagnostics.trim(relativize(diagnostics), settings.diagnosticChars()),
                    Coverage.NONE,
                    null,
                    casesRun,
                    0,
                    runs,
                    elapsedMs(started));
        }

        private Validation withDiagnostics(Validation v, String diagnostics, int casesRun) {
            return validation(v.verdict(), diagnostics, casesRun);
        }

        private String relativize(String text) {
            return text.replace(project.root() + "/", "");
        }

        /** pytest's error for each module it could not import, reduced to its {@code E} lines and locations. */
        private String collectionDiagnostics(List<String> errors) {
            StringBuilder out = new StringBuilder("the test does not import or does not parse:\n");
            for (String error : errors) {
                List<String> kept = new ArrayList<>();
                for (String line : error.split("\n")) {
                    if (line.startsWith("E ") || line.contains(target.path()) || line.startsWith("ImportError")) {
                        kept.add(line);
                    }
                }
                out.append(String.join("\n", kept.isEmpty() ? List.of(error.strip()) : kept))
                        .append('\n');
            }
            return out.toString().strip();
        }
    }

    private String describeFailures(List<JunitReport.Case> failing, int total) {
        StringBuilder out = new StringBuilder(failing.size() + " of " + total + " test cases failed:");
        for (JunitReport.Case c : failing) {
            out.append("\n").append(c.id()).append(": ").append(c.detail());
        }
        return out.toString();
    }

    /** The runs of one source: a verdict they already decided, or each run's cases. */
    private record Series(Validation verdict, List<JunitReport.Run> results) {
        static Series decided(Validation verdict) {
            return new Series(verdict, List.of());
        }

        int caseCount() {
            return results.isEmpty() ? 0 : results.get(0).cases().size();
        }

        /** Cases that failed in every run. */
        List<JunitReport.Case> alwaysFailing() {
            return statuses().entrySet().stream()
                    .filter(e -> e.getValue().stream().allMatch(c -> c.status() == JunitReport.Status.FAILED))
                    .map(e -> e.getValue().get(0))
                    .toList();
        }

        /** Cases that passed in one run and failed (or were missing) in another, with a failure each. */
        List<String> flaky() {
            List<String> flaky = new ArrayList<>();
            statuses().forEach((id, cases) -> {
                boolean mixed = cases.size() != results.size()
                        || cases.stream()
                                        .map(JunitReport.Case::status)
                                        .distinct()
                                        .count()
                                > 1;
                if (mixed) {
                    String failure = cases.stream()
                            .filter(c -> c.status() == JunitReport.Status.FAILED)
                            .map(JunitReport.Case::detail)
                            .findFirst()
                            .orElse("missing from some runs");
                    flaky.add(id + ": " + failure);
                }
            });
            return flaky;
        }

        private Map<String, List<JunitReport.Case>> statuses() {
            Map<String, List<JunitReport.Case>> byId = new LinkedHashMap<>();
            for (JunitReport.Run run : results) {
                for (JunitReport.Case c : run.cases()) {
                    byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
                }
            }
            return byId;
        }
    }
}
