package dev.nightshift.validator.runner.java;

import dev.nightshift.validator.runner.PreparedProject;
import dev.nightshift.validator.runner.WorkspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A Maven checkout made ready for Java candidates: every module's classes and test classpath, and the
 * coverage the repository's own tests reach ({@code baseline.exec}, JaCoCo execution data of all modules'
 * tests merged). Written to {@code <checkout>/target/nightshift-validator/} as its last step, so a checkout
 * that has the record is completely prepared.
 */
public final class JavaProject implements PreparedProject {
    static final String STATE = "target/nightshift-validator";
    private static final String RECORD = "prepared.properties";

    private final Path root;
    private final List<MavenModule> modules;
    private final Path baselineExec;
    private final CoverageMeter coverage;

    JavaProject(Path root, List<MavenModule> modules, Path baselineExec) {
        this.root = root;
        this.modules = List.copyOf(modules);
        this.baselineExec = baselineExec;
        this.coverage = new CoverageMeter(baselineExec);
    }

    @Override
    public Path root() {
        return root;
    }

    public List<MavenModule> modules() {
        return modules;
    }

    public Path baselineExec() {
        return baselineExec;
    }

    CoverageMeter coverage() {
        return coverage;
    }

    static Path stateDir(Path checkout) {
        return checkout.resolve(STATE);
    }

    /**
     * The module that holds a file: the one whose folder is the longest prefix of the path (the nearest
     * {@code pom.xml} above it that Maven built).
     */
    public Optional<MavenModule> moduleOf(String repositoryPath) {
        Path file = root.resolve(repositoryPath).normalize();
        return modules.stream().filter(m -> file.startsWith(m.dir())).max(Comparator.comparingInt(m -> m.dir()
                .getNameCount()));
    }

    /** Writes the record last and atomically: its presence means the preparation completed. */
    void save() throws IOException {
        Properties p = new Properties();
        p.setProperty("modules", Integer.toString(modules.size()));
        for (int i = 0; i < modules.size(); i++) {
            MavenModule m = modules.get(i);
            p.setProperty("module." + i + ".dir", root.relativize(m.dir()).toString());
            p.setProperty(
                    "module." + i + ".classpath",
                    String.join(
                            java.io.File.pathSeparator,
                            m.classpath().stream().map(Path::toString).toList()));
        }
        Path dir = stateDir(root);
        Files.createDirectories(dir);
        Path tmp = dir.resolve(RECORD + ".tmp-" + UUID.randomUUID());
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "prepared by the validator's Java runner");
        }
        JavaTools.moveAtomically(tmp, dir.resolve(RECORD));
    }

    /** The checkout's earlier complete preparation, if it has one. */
    static Optional<JavaProject> load(Path root) throws WorkspaceException {
        Path record = stateDir(root).resolve(RECORD);
        if (!Files.isRegularFile(record)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(record)) {
            p.load(in);
        } catch (IOException e) {
            throw new WorkspaceException("cannot read " + record + ": " + e.getMessage(), e);
        }
        int count = Integer.parseInt(p.getProperty("modules", "0"));
        List<MavenModule> modules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path dir = root.resolve(p.getProperty("module." + i + ".dir", "")).normalize();
            String cp = p.getProperty("module." + i + ".classpath", "");
            List<Path> classpath = cp.isEmpty()
                    ? List.of()
                    : Arrays.stream(cp.split(java.io.File.pathSeparator))
                            .map(Path::of)
                            .toList();
            modules.add(MavenModule.of(dir, classpath));
        }
        return Optional.of(new JavaProject(root, modules, stateDir(root).resolve("baseline.exec")));
    }

    @Override
    public String toString() {
        return "Maven checkout " + root + " (" + modules.size() + " modules)";
    }
}
