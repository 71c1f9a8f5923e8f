package dev.nightshift.validator.runner.java;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one candidate in this JVM with the JDK's compiler. Compiling runs none of the candidate's code, but
 * annotation processors found on the classpath would run, so processing is off ({@code -proc:none}).
 */
final class CandidateCompiler {
    /** File managers kept, one per classpath (a module): each holds its classpath's jars open. */
    private static final int KEPT_FILE_MANAGERS = 8;

    private final JavaCompiler javac;
    /** A file manager keeps the jars it read open and indexed; reusing it per module saves reopening them. */
    private final Map<List<Path>, Manager> managers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Path>, Manager> eldest) {
            if (size() > KEPT_FILE_MANAGERS) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    CandidateCompiler() {
        this.javac = ToolProvider.getSystemJavaCompiler();
    }

    /** A file manager is not thread-safe: one compilation at a time uses it. */
    private final class Manager {
        final StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        boolean closed;

        synchronized void close() {
            closed = true;
            try {
                files.close();
            } catch (IOException e) {
                // the jars it held open are closed as far as they could be
            }
        }
    }

    boolean available() {
        return javac != null;
    }

    /** @param errors {@code File.java:LINE: message}, in the compiler's order; empty when it compiled */
    record Result(boolean compiled, List<String> errors) {}

    Result compile(Path source, Path classesOut, List<Path> classpath) throws IOException {
        if (javac == null) {
            throw new IOException(
                    "no Java compiler in " + System.getProperty("java.home") + ": the validator must run on a JDK");
        }
        Files.createDirectories(classesOut);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of(
                "-proc:none",
                "-implicit:none",
                "-g",
                "-nowarn",
                "-encoding",
                "UTF-8",
                "-Xmaxerrs",
                "50",
                "-d",
                classesOut.toString(),
                "-cp",
                MavenPreparation.join(classpath));
        StringWriter out = new StringWriter();
        boolean ok;
        Manager manager;
        synchronized (managers) {
            manager = managers.computeIfAbsent(List.copyOf(classpath), cp -> new Manager());
        }
        synchronized (manager) {
            if (manager.closed) {
                // evicted meanwhile by compilations for other modules: a file manager of its own, this once
                try (StandardJavaFileManager files =
                        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
                    ok = javac.getTask(out, files, diagnostics, options, null, files.getJavaFileObjects(source))
                            .call();
                }
            } else {
                StandardJavaFileManager files = manager.files;
                ok = javac.getTask(out, files, diagnostics, options, null, files.getJavaFileObjects(source))
                        .call();
                files.flush();
            }
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String file = d.getSource() == null
                    ? source.getFileName().toString()
                    : Path.of(d.getSource().getName()).getFileName().toString();
            String message = d.getMessage(Locale.ROOT).strip().replace("\n", "\n    ");
            errors.add(d.getLineNumber() > 0 ? file + ":" + d.getLineNumber() + ": " + message : file + ": " + message);
        }
        if (!ok && errors.isEmpty()) {
            errors.add(source.getFileName() + ": "
                    + (out.toString().isBlank()
                            ? "compilation failed"
                            : out.toString().strip()));
        }
        return new Result(ok, errors);
    }
}
