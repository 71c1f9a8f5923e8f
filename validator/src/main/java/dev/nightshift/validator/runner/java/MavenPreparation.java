package dev.nightshift.validator.runner.java;

import dev.nightshift.validator.runner.WorkspaceException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jacoco.core.tools.ExecFileLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a Maven checkout with the repository's own build, outside the candidate sandbox (it is trusted as
 * much as the repository is): one {@code mvn test-compile dependency:build-classpath} over the whole reactor
 * writes every module's classes, test classes and test classpath; then each module's existing tests run once
 * through the console launcher with the JaCoCo agent, and their execution data is merged into the baseline.
 */
final class MavenPreparation {
    private static final Logger LOG = LoggerFactory.getLogger(MavenPreparation.class);
    static final String CLASSPATH_FILE = "target/nightshift-test-classpath.txt";
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    private final JavaRunnerOptions options;
    private final JavaTools tools;

    MavenPreparation(JavaRunnerOptions options, JavaTools tools) {
        this.options = options;
        this.tools = tools;
    }

    JavaProject prepare(Path checkout) throws WorkspaceException {
        Path root = checkout.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new WorkspaceException("no pom.xml at the repository root: not a Maven project", null);
        }
        var earlier = JavaProject.load(root);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Path state = JavaProject.stateDir(root);
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw new WorkspaceException("cannot create " + state + ": " + e.getMessage(), e);
        }
        build(root, state);
        List<MavenModule> modules = modules(root);
        if (modules.isEmpty()) {
            throw new WorkspaceException("Maven built no module with a test classpath", null);
        }
        Path baseline = state.resolve("baseline.exec");
        baseline(modules, state, baseline);
        JavaProject project = new JavaProject(root, modules, baseline);
        try {
            project.save();
        } catch (IOException e) {
            throw new WorkspaceException("cannot record the preparation of " + root + ": " + e.getMessage(), e);
        }
        return project;
    }

    private void build(Path root, Path state) throws WorkspaceException {
        List<String> argv = new ArrayList<>(List.of(options.maven(), "-B", "-q", "-ntp", "-Dstyle.color=never"));
        argv.addAll(options.mavenArgs());
        argv.addAll(List.of(
                "test-compile",
                DEPENDENCY_PLUGIN + ":build-classpath",
                "-Dmdep.outputFile=" + CLASSPATH_FILE,
                "-Dmdep.includeScope=test"));
        Path log = state.resolve("maven.log");
        int exit = run(argv, root, log, options.buildTimeout(), "mvn test-compile");
        if (exit != 0) {
            throw new WorkspaceException("mvn test-compile failed (exit " + exit + "): " + firstError(log), null);
        }
    }

    /** Every folder of the reactor where Maven wrote a test classpath (packaging pom modules have no classes). */
    private static List<MavenModule> modules(Path root) throws WorkspaceException {
        List<MavenModule> modules = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> found = files.filter(
                            p -> p.endsWith(CLASSPATH_FILE) && !p.toString().contains("/.git/"))
                    .sorted()
                    .toList();
            for (Path file : found) {
                Path dir = file.getParent().getParent();
                String text = Files.readString(file, StandardCharsets.UTF_8).trim();
                List<Path> classpath = text.isEmpty()
                        ? List.of()
                        : Arrays.stream(text.split(File.pathSeparator))
                                .filter(s -> !s.isBlank())
                                .map(Path::of)
                                .toList();
                MavenModule module = MavenModule.of(dir, classpath);
                if (Files.isDirectory(module.classes()) || Files.isDirectory(module.testClasses())) {
                    modules.add(module);
                }
            }
        } catch (IOException e) {
            throw new WorkspaceException("cannot read the classpaths Maven wrote: " + e.getMessage(), e);
        }
        return modules;
    }

    /**
     * Runs each module's own tests once with the agent; failing tests still count (their coverage is real). A
     * module whose run leaves no execution data at all makes the preparation fail: without a baseline every
     * candidate would look like a gain.
     */
    private void baseline(List<MavenModule> modules, Path state, Path merged) throws WorkspaceException {
        ExecFileLoader loader = new ExecFileLoader();
        for (int i = 0; i < modules.size(); i++) {
            MavenModule m = modules.get(i);
            if (!m.hasTests()) {
                continue;
            }
            Path exec = state.resolve("baseline-" + i + ".exec");
            Path reports = state.resolve("baseline-reports-" + i);
            List<String> argv = new ArrayList<>(List.of(
                    tools.java().toString(),
                    "-XX:+UseSerialGC",
                    "-javaagent:" + tools.agentJar() + "=destfile=" + exec + ",append=false",
                    "-jar",
                    tools.launcherJar().toString(),
                    "execute",
                    "--disable-banner",
                    "--details=none",
                    "--disable-ansi-colors",
                    "--class-path",
                    join(m.runtimeClasspath()),
                    "--scan-classpath",
                    m.testClasses().toString(),
                    "--reports-dir",
                    reports.toString()));
            Path log = state.resolve("baseline-" + i + ".log");
            int exit = run(argv, m.dir(), log, options.baselineTimeout(), "the existing tests of " + m.dir());
            if (!Files.isRegularFile(exec)) {
                throw new WorkspaceException(
                        "the existing tests of " + m.dir().getFileName() + " left no coverage data (exit " + exit
                                + "): " + lastLine(log),
                        null);
            }
            if (exit != 0) {
                LOG.warn(
                        "existing tests of {} ended with exit {} (failures count as covered code anyway); see {}",
                        m.dir(),
                        exit,
                        log);
            }
            try {
                loader.load(exec.toFile());
            } catch (IOException e) {
                throw new WorkspaceException("cannot read " + exec + ": " + e.getMessage(), e);
            }
        }
        try {
            loader.save(merged.toFile(), false);
        } catch (IOException e) {
            throw new WorkspaceException("cannot write " + merged + ": " + e.getMessage(), e);
        }
    }

    static String join(List<Path> paths) {
        return String.join(
                File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    private static int run(List<String> argv, Path dir, Path log, Duration timeout, String what)
            throws WorkspaceException {
        try {
            Process p = new ProcessBuilder(argv)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                throw new WorkspaceException(what + " ran past " + timeout.toMinutes() + " min", null);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new WorkspaceException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted during " + what, e);
        }
    }

    /** Maven's first {@code [ERROR]} line, which names the failing step; else the log's last line. */
    static String firstError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String line : lines) {
                String l = line.replaceAll("\u001B\\[[;\\d]*m", "").strip();
                if (l.startsWith("[ERROR]") && l.length() > "[ERROR]".length() + 1) {
                    return l.substring("[ERROR]".length()).strip();
                }
            }
            return lastLine(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
