package dev.nightshift.validator.runner.js;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.validator.runner.FileLines;
import dev.nightshift.validator.runner.PreparedProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A checkout with its node_modules installed, the node binary to run candidates with, the framework its
 * package.json names, and the existing suite's coverage: raw V8 ranges (Mocha, node:test), turned into lines
 * per target file on first use, or an istanbul report (Jest, Vitest).
 */
public final class JsProject implements PreparedProject {
    private final Path root;
    private final Path node;
    private final List<Path> toolchain;
    private final TestFramework framework;
    private final boolean vitestCoverage;
    private final Map<String, List<List<V8Coverage.Range>>> v8Baseline;
    private final Map<String, FileLines> istanbulBaseline;
    private final Map<String, FileLines> lines = new ConcurrentHashMap<>();

    JsProject(
            Path root,
            Path node,
            List<Path> toolchain,
            TestFramework framework,
            boolean vitestCoverage,
            Map<String, List<List<V8Coverage.Range>>> v8Baseline,
            Map<String, FileLines> istanbulBaseline) {
        this.root = root;
        this.node = node;
        this.toolchain = List.copyOf(toolchain);
        this.framework = framework;
        this.vitestCoverage = vitestCoverage;
        this.v8Baseline = Map.copyOf(v8Baseline);
        this.istanbulBaseline = Map.copyOf(istanbulBaseline);
    }

    @Override
    public Path root() {
        return root;
    }

    /** The node binary (its real path) every candidate runs with. */
    public Path node() {
        return node;
    }

    /** Folders outside the checkout a candidate must be able to read: node's installation. */
    public List<Path> toolchain() {
        return toolchain;
    }

    /** The framework the repository's package.json names (node:test when it names none). */
    public TestFramework framework() {
        return framework;
    }

    boolean vitestCoverage() {
        return vitestCoverage;
    }

    /** What the existing suite covers of a file (path relative to the root), as Jest or Vitest measured it. */
    FileLines istanbulBaseline(String path) {
        return istanbulBaseline.getOrDefault(path, FileLines.NONE);
    }

    /** What the existing suite covers of a file (path relative to the root), as V8 measured it. */
    FileLines v8Baseline(String path) {
        return lines.computeIfAbsent(path, p -> {
            Path file = root.resolve(p);
            if (!Files.isRegularFile(file)) {
                return FileLines.NONE;
            }
            try {
                return V8Coverage.lines(
                        Files.readString(file, StandardCharsets.UTF_8), v8Baseline.getOrDefault(p, List.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
