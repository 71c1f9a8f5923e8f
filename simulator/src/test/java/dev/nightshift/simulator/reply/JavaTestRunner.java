package dev.nightshift.simulator.reply;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Compiles Java sources with the platform compiler against JUnit 4, JUnit 5 and AssertJ, and runs a compiled
 * test class in this JVM: JUnit 4 classes through JUnit 4's {@code JUnitCore}, JUnit 5 ones through the JUnit
 * Platform launcher. JUnit 5 and AssertJ are this test run's own jars; JUnit 4 is the copy the build puts in
 * {@code target/junit4}.
 */
final class JavaTestRunner {
    /** What compiling gave: whether it succeeded, and javac's diagnostics. */
    record Compiled(boolean ok, String diagnostics, Path classes) {}

    /** What running gave. */
    record Run(long tests, long failed, String failures) {
        boolean passed() {
            return tests > 0 && failed == 0;
        }
    }

    private JavaTestRunner() {}

    /** Writes {@code sources} (relative path → text) under {@code dir}/src and compiles them into {@code dir}/classes. */
    static Compiled compile(Path dir, Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<File> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file.toFile());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromFiles(files);
            List<String> options = List.of(
                    "-d", classes.toString(), "-classpath", classpath(), "-proc:none", "-nowarn", "-encoding", "UTF-8");
            boolean ok = javac.getTask(out, fm, null, options, null, units).call();
            return new Compiled(ok, out.toString(), classes);
        }
    }

    /** Runs one test class from {@code classes}; JUnit 4 or the JUnit Platform by {@code junit4}. */
    static Run run(Path classes, String className, boolean junit4) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        if (junit4) {
            for (Path jar : junit4Jars()) {
                urls.add(jar.toUri().toURL());
            }
        }
        try (URLClassLoader loader =
                new URLClassLoader(urls.toArray(URL[]::new), JavaTestRunner.class.getClassLoader())) {
            Class<?> test = loader.loadClass(className);
            if (junit4) {
                Class<?> core = loader.loadClass("org.junit.runner.JUnitCore");
                Object result =
                        core.getMethod("runClasses", Class[].class).invoke(null, (Object) new Class<?>[] {test});
                int runs = (Integer) result.getClass().getMethod("getRunCount").invoke(result);
                int failures =
                        (Integer) result.getClass().getMethod("getFailureCount").invoke(result);
                StringBuilder f = new StringBuilder();
                for (Object failure :
                        (List<?>) result.getClass().getMethod("getFailures").invoke(result)) {
                    f.append(failure.getClass().getMethod("getTestHeader").invoke(failure))
                            .append(": ")
                            .append(failure.getClass().getMethod("getTrace").invoke(failure))
                            .append('\n');
                }
                return new Run(runs, failures, f.toString());
            }
            Launcher launcher = LauncherFactory.create();
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(test))
                    .build();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                launcher.execute(request, listener);
            } finally {
                Thread.currentThread().setContextClassLoader(JavaTestRunner.class.getClassLoader());
            }
            TestExecutionSummary s = listener.getSummary();
            StringBuilder f = new StringBuilder();
            s.getFailures().forEach(x -> {
                StringWriter trace = new StringWriter();
                x.getException().printStackTrace(new java.io.PrintWriter(trace));
                f.append(x.getTestIdentifier().getDisplayName())
                        .append(": ")
                        .append(trace)
                        .append('\n');
            });
            return new Run(s.getTestsFoundCount(), s.getTotalFailureCount(), f.toString());
        }
    }

    /** JUnit 4 and Hamcrest as the build copied them ({@code maven-dependency-plugin}, phase generate-test-resources). */
    static List<Path> junit4Jars() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "junit4");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
            }
        }
        if (jars.stream().noneMatch(p -> p.getFileName().toString().startsWith("junit-"))) {
            throw new IllegalStateException(
                    "JUnit 4 is not in " + dir.toAbsolutePath() + "; run the build (mvn test) to copy it there");
        }
        return jars;
    }

    private static String classpath() throws IOException {
        Set<String> jars = new LinkedHashSet<>();
        junit4Jars().forEach(p -> jars.add(p.toString()));
        for (Class<?> c : List.of(
                org.junit.jupiter.api.Test.class,
                org.opentest4j.AssertionFailedError.class,
                org.apiguardian.api.API.class,
                org.assertj.core.api.Assertions.class,
                org.jspecify.annotations.Nullable.class)) {
            try {
                jars.add(Path.of(c.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, jars);
    }
}
