package dev.nightshift.validator.runner.java;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * The main class of a Java test JVM: runs one test class {@code runs} times, one after the other, through the
 * JUnit Platform launcher of the console-standalone jar it shares the class path with (Jupiter and Vintage
 * engines). Each run loads the project's and the candidate's classes in a class loader of its own, so static
 * state starts afresh; files the test leaves in its working folder stay for the next run. Each run writes what
 * the console launcher's {@code --reports-dir} would ({@code run-N/TEST-junit-*.xml}) and a
 * {@code run-N/summary.properties}, and prints the console launcher's test feed
 * ({@code JUnit Jupiter > CalculatorTest > divides() :: STARTED}). A run that outlives its time limit ends the
 * JVM at once with exit code {@value #TIMED_OUT}, after a line {@code [nightshift] run N ran past M ms}.
 *
 * <p>Self-contained (the JDK and the JUnit Platform API only): the Java runner copies this class into a jar of
 * its own ({@link JavaTools}). One JVM for all runs instead of one per run halves the CPU a candidate costs.
 *
 * <p>Arguments: {@code runs timeoutMillis reportsFolder classpathFile className}; {@code classpathFile} holds one
 * class path entry per line.
 */
public final class RepeatedLaunch {
    static final int TIMED_OUT = 3;
    static final String MARK = "[nightshift] ";
    /** Every class file of this launcher, for its jar. */
    static final List<String> CLASSES = List.of("RepeatedLaunch", "RepeatedLaunch$Feed");

    private RepeatedLaunch() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: RepeatedLaunch runs timeoutMillis reportsFolder classpathFile className");
            System.exit(64);
        }
        int runs = Integer.parseInt(args[0]);
        long timeoutMillis = Long.parseLong(args[1]);
        Path reports = Path.of(args[2]);
        List<URL> classpath = new ArrayList<>();
        for (String entry : Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8)) {
            if (!entry.isBlank()) {
                classpath.add(Path.of(entry.strip()).toUri().toURL());
            }
        }
        String className = args[4];
        PrintStream out = System.out;
        Launcher launcher = LauncherFactory.create();
        for (int run = 1; run <= runs; run++) {
            int current = run;
            AtomicReference<Throwable> crashed = new AtomicReference<>();
            Thread runner = new Thread(
                    () -> {
                        try {
                            runOnce(launcher, current, classpath, className, reports.resolve("run-" + current), out);
                        } catch (Throwable t) {
                            crashed.set(t);
                        }
                    },
                    "nightshift-run-" + run);
            out.println(MARK + "run " + run + " started");
            out.flush();
            runner.start();
            runner.join(timeoutMillis);
            if (runner.isAlive()) {
                out.println(MARK + "run " + run + " ran past " + timeoutMillis + " ms");
                out.flush();
                Runtime.getRuntime().halt(TIMED_OUT);
            }
            if (crashed.get() != null) {
                out.println(MARK + "run " + run + " could not run: " + crashed.get());
                out.flush();
                System.exit(70);
            }
        }
        out.flush();
        // tests may leave threads behind; they must not keep the JVM (and the sandbox) alive
        System.exit(0);
    }

    private static void runOnce(
            Launcher launcher, int run, List<URL> classpath, String className, Path reportsDir, PrintStream out)
            throws IOException {
        Files.createDirectories(reportsDir);
        ClassLoader parent = RepeatedLaunch.class.getClassLoader();
        try (URLClassLoader loader = new URLClassLoader(classpath.toArray(URL[]::new), parent)) {
            Thread.currentThread().setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(loader, className))
                    .build();
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            // UTF-8, as the parent reads this JVM's output
            PrintWriter diagnostics = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
            launcher.execute(
                    request, summary, new Feed(out), new LegacyXmlReportGeneratingListener(reportsDir, diagnostics));
            write(summary.getSummary(), reportsDir.resolve("summary.properties"));
            out.println(MARK + "run " + run + " finished");
            out.flush();
        }
    }

    private static void write(TestExecutionSummary s, Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("testsFound", Long.toString(s.getTestsFoundCount()));
        p.setProperty("testsFailed", Long.toString(s.getTestsFailedCount()));
        p.setProperty("containersFailed", Long.toString(s.getContainersFailedCount()));
        StringBuilder containers = new StringBuilder();
        for (TestExecutionSummary.Failure f : s.getFailures()) {
            if (f.getTestIdentifier().isContainer()) {
                containers
                        .append(f.getTestIdentifier().getDisplayName())
                        .append(": ")
                        .append(f.getException())
                        .append('\n');
            }
        }
        p.setProperty("containerFailures", containers.toString().strip());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }

    /** The console launcher's {@code --details=testfeed} lines: one when a test starts, one when it ends. */
    static final class Feed implements TestExecutionListener {
        private final PrintStream out;
        private TestPlan plan;

        Feed(PrintStream out) {
            this.out = out;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                out.println(path(id) + " :: STARTED");
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            out.println(path(id) + " :: SKIPPED");
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                return;
            }
            out.println(path(id) + " :: " + result.getStatus());
            Optional<Throwable> thrown = result.getThrowable();
            if (thrown.isPresent() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                Throwable t = thrown.get();
                out.println("\t" + t);
                StackTraceElement[] frames = t.getStackTrace();
                for (int i = 0; i < Math.min(frames.length, 6); i++) {
                    out.println("\t\tat " + frames[i]);
                }
            }
            out.flush();
        }

        private String path(TestIdentifier id) {
            List<String> names = new ArrayList<>();
            for (Optional<TestIdentifier> at = Optional.of(id);
                    at.isPresent();
                    at = plan == null ? Optional.empty() : plan.getParent(at.get())) {
                names.add(0, at.get().getDisplayName());
            }
            return String.join(" > ", names);
        }
    }
}
