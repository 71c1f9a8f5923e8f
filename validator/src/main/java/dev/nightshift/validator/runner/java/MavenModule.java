package dev.nightshift.validator.runner.java;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Maven module of a prepared checkout: its folder, its compiled main and test classes and the jars (and
 * sibling modules' class folders) of its test classpath, as Maven resolved them.
 */
public record MavenModule(Path dir, Path classes, Path testClasses, List<Path> classpath) {
    public MavenModule {
        classpath = List.copyOf(classpath);
    }

    static MavenModule of(Path dir, List<Path> classpath) {
        return new MavenModule(dir, dir.resolve("target/classes"), dir.resolve("target/test-classes"), classpath);
    }

    /** Test classes first, then main classes, then dependencies: what a candidate compiles against. */
    public List<Path> compileClasspath() {
        List<Path> all = new ArrayList<>();
        addIfPresent(all, testClasses);
        addIfPresent(all, classes);
        all.addAll(classpath);
        return all;
    }

    /**
     * The compile classpath without the JUnit Platform, Jupiter and Vintage jars: the console launcher brings its
     * own, and two copies of one engine make the launcher refuse to start. JUnit 4 itself stays (the Vintage
     * engine runs it), and so do extensions built on Jupiter's API.
     */
    public List<Path> runtimeClasspath() {
        return compileClasspath().stream().filter(p -> !launcherProvided(p)).toList();
    }

    static boolean launcherProvided(Path entry) {
        String name = entry.getFileName() == null
                ? ""
                : entry.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".jar")) {
            return false;
        }
        return name.startsWith("junit-platform-")
                || name.startsWith("junit-jupiter-")
                || name.startsWith("junit-jupiter.")
                || name.equals("junit-jupiter.jar")
                || name.startsWith("junit-vintage-engine");
    }

    /**
     * What a test JVM must be able to read of the runtime classpath, in few binds (each bind costs the sandbox
     * time): class folders one by one, and for jars in a Maven local repository layout
     * ({@code …/group/artifact/version/artifact-version.jar}) the folder they all share, typically
     * {@code ~/.m2/repository}. Other jars are bound one by one.
     */
    public List<Path> sandboxReadOnly() {
        List<Path> binds = new ArrayList<>();
        Path shared = null;
        int inRepository = 0;
        for (Path entry : runtimeClasspath()) {
            if (!Files.exists(entry)) {
                continue;
            }
            if (repositoryLayout(entry)) {
                shared = shared == null ? entry.getParent() : commonAncestor(shared, entry.getParent());
                inRepository++;
            } else if (!binds.contains(entry)) {
                binds.add(entry);
            }
        }
        if (inRepository > 0 && shared != null && shared.getNameCount() >= 2 && openToOthers(shared)) {
            binds.add(shared);
        } else {
            runtimeClasspath().stream()
                    .filter(MavenModule::repositoryLayout)
                    .filter(Files::exists)
                    .forEach(binds::add);
        }
        return binds;
    }

    /**
     * Whether a user other than the owner can reach every jar under the folder (the sandbox may run the test as a
     * user of its own): the folders below it searchable and readable by others. A local repository made with a
     * private umask is not, and its jars are then shown one by one.
     */
    private boolean openToOthers(Path shared) {
        Set<Path> checked = new HashSet<>();
        for (Path entry : runtimeClasspath()) {
            if (!repositoryLayout(entry) || !Files.exists(entry)) {
                continue;
            }
            for (Path dir = entry.getParent(); dir != null && dir.startsWith(shared); dir = dir.getParent()) {
                if (!checked.add(dir)) {
                    break;
                }
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
                    if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)
                            || !perms.contains(PosixFilePermission.OTHERS_READ)) {
                        return false;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean repositoryLayout(Path jar) {
        Path version = jar.getParent();
        Path artifact = version == null ? null : version.getParent();
        if (artifact == null || version.getFileName() == null || artifact.getFileName() == null) {
            return false;
        }
        String name = jar.getFileName().toString();
        // a snapshot's file carries its timestamp where the folder says SNAPSHOT
        String v = version.getFileName().toString().replaceFirst("SNAPSHOT$", "");
        return name.endsWith(".jar") && name.startsWith(artifact.getFileName() + "-" + v);
    }

    private static Path commonAncestor(Path a, Path b) {
        Path common = a;
        while (common != null && !b.startsWith(common)) {
            common = common.getParent();
        }
        return common;
    }

    /** Whether the module has compiled tests of its own (the baseline runs them). */
    public boolean hasTests() {
        return hasClassFiles(testClasses);
    }

    static boolean hasClassFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.walk(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".class"));
        } catch (IOException e) {
            return false;
        }
    }

    private static void addIfPresent(List<Path> all, Path dir) {
        if (Files.isDirectory(dir)) {
            all.add(dir);
        }
    }
}
