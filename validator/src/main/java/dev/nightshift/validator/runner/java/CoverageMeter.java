package dev.nightshift.validator.runner.java;

import dev.nightshift.core.validation.Coverage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.ISourceFileCoverage;
import org.jacoco.core.data.ExecutionData;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.tools.ExecFileLoader;

/**
 * Lines and branches of one source file covered by the repository's own tests (the baseline execution data)
 * and by those tests together with a candidate (baseline merged with the candidate's execution data), read
 * with JaCoCo's analyzer from the compiled classes of that file.
 */
final class CoverageMeter {
    private final Path baselineExec;
    private volatile ExecutionDataStore baseline;
    private final Map<String, Counts> before = new ConcurrentHashMap<>();

    CoverageMeter(Path baselineExec) {
        this.baselineExec = baselineExec;
    }

    /** Covered and total lines and branches of one source file. */
    record Counts(int linesTotal, int linesCovered, int branchesTotal, int branchesCovered) {
        static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    /**
     * @param classes     the module's compiled main classes
     * @param packagePath the source file's package as a path ({@code com/acme}; empty for the default package)
     * @param sourceFile  the source file's name ({@code Calculator.java})
     * @param candidate   execution data files the candidate's runs wrote
     */
    Coverage measure(Path classes, String packagePath, String sourceFile, List<Path> candidate) throws IOException {
        String key = classes + "|" + packagePath + "|" + sourceFile;
        Counts was = before.get(key);
        if (was == null) {
            was = count(baseline(), classes, packagePath, sourceFile);
            before.put(key, was);
        }
        ExecutionDataStore merged = copy(baseline());
        for (Path exec : candidate) {
            if (Files.isRegularFile(exec)) {
                ExecFileLoader loader = new ExecFileLoader();
                loader.load(exec.toFile());
                loader.getExecutionDataStore().getContents().forEach(merged::visitClassExecution);
            }
        }
        Counts now = count(merged, classes, packagePath, sourceFile);
        return new Coverage(
                now.linesTotal(),
                was.linesCovered(),
                now.linesCovered(),
                now.branchesTotal(),
                was.branchesCovered(),
                now.branchesCovered());
    }

    private ExecutionDataStore baseline() throws IOException {
        ExecutionDataStore store = baseline;
        if (store == null) {
            synchronized (this) {
                if (baseline == null) {
                    ExecFileLoader loader = new ExecFileLoader();
                    if (Files.isRegularFile(baselineExec)) {
                        loader.load(baselineExec.toFile());
                    }
                    baseline = loader.getExecutionDataStore();
                }
                store = baseline;
            }
        }
        return store;
    }

    private static ExecutionDataStore copy(ExecutionDataStore source) {
        ExecutionDataStore copy = new ExecutionDataStore();
        for (ExecutionData d : source.getContents()) {
            copy.put(new ExecutionData(d.getId(), d.getName(), d.getProbes().clone()));
        }
        return copy;
    }

    static Counts count(ExecutionDataStore data, Path classes, String packagePath, String sourceFile)
            throws IOException {
        Path dir = packagePath.isEmpty() ? classes : classes.resolve(packagePath);
        if (!Files.isDirectory(dir)) {
            return Counts.NONE;
        }
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(data, builder);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    analyzer.analyzeClass(in, file.toString());
                }
            }
        }
        for (ISourceFileCoverage s : builder.getSourceFiles()) {
            if (s.getName().equals(sourceFile) && s.getPackageName().equals(packagePath)) {
                return new Counts(
                        s.getLineCounter().getTotalCount(),
                        s.getLineCounter().getCoveredCount(),
                        s.getBranchCounter().getTotalCount(),
                        s.getBranchCounter().getCoveredCount());
            }
        }
        return Counts.NONE;
    }
}
