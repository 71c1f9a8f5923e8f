package dev.nightshift.validator.runner.python;

import dev.nightshift.validator.runner.FileLines;
import dev.nightshift.validator.runner.PreparedProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A checkout with its own virtual environment (inside the checkout, under {@code .nightshift/python/venv},
 * so that a candidate's sandbox sees it through the checkout's overlay), the interpreter installation the
 * environment links to, and the existing suite's coverage per file.
 */
public final class PythonProject implements PreparedProject {
    private final Path root;
    private final Path venv;
    private final List<Path> toolchain;
    private final Map<String, FileLines> baseline;

    PythonProject(Path root, Path venv, List<Path> toolchain, Map<String, FileLines> baseline) {
        this.root = root;
        this.venv = venv;
        this.toolchain = List.copyOf(toolchain);
        this.baseline = Map.copyOf(baseline);
    }

    @Override
    public Path root() {
        return root;
    }

    /** The virtual environment's own interpreter. */
    public Path python() {
        return venv.resolve("bin").resolve("python");
    }

    public Path venv() {
        return venv;
    }

    /**
     * Folders outside the checkout a candidate must be able to read: the installation the virtual
     * environment's interpreter links to (its binary, the standard library).
     */
    public List<Path> toolchain() {
        return toolchain;
    }

    /** What the existing suite covers of a file (path relative to the root); nothing when it never ran it. */
    FileLines baseline(String path) {
        return baseline.getOrDefault(path, FileLines.NONE);
    }
}
