package dev.nightshift.validator.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the program a command runs is installed, so that the sandbox can show that installation (and
 * nothing else around it) read-only: an interpreter under {@code ~/.pyenv/versions/<version>}, a node
 * under {@code ~/.nvm/versions/node/v20}, the JDK this JVM runs on. System folders are always shown and
 * need nothing.
 */
final class Toolchains {
    /** Shown read-only in every sandbox. */
    static final List<Path> SYSTEM = List.of(
            Path.of("/usr"),
            Path.of("/etc"),
            Path.of("/bin"),
            Path.of("/sbin"),
            Path.of("/lib"),
            Path.of("/lib32"),
            Path.of("/lib64"),
            Path.of("/libx32"));

    /** What {@code execvp} searches when the environment has no PATH. */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private Toolchains() {}

    /** Folders to show read-only so that the command's program and the JDK can run. */
    static List<Path> mountsFor(SandboxedCommand command, ProtectedPaths protectedPaths) throws SandboxException {
        List<Path> shown = new ArrayList<>(SYSTEM);
        shown.addAll(command.readOnly());
        shown.addAll(command.writable());
        shown.addAll(command.overlays());
        List<Path> mounts = new ArrayList<>();
        String javaHome = System.getProperty("java.home");
        if (javaHome != null) {
            addInstallation(Path.of(javaHome), Path.of(javaHome), shown, mounts, protectedPaths);
        }
        Optional<Path> program = locate(command.argv().get(0), command.env(), command.workdir());
        if (program.isPresent()) {
            Path located = program.get();
            Path real = realPath(located);
            rejectShim(command.argv().get(0), real);
            addInstallation(installationOf(located), located, shown, mounts, protectedPaths);
            addInstallation(installationOf(real), real, shown, mounts, protectedPaths);
        }
        return mounts;
    }

    /** The file the sandbox will execute for argv[0], found the way {@code execvp} finds it, if it exists here. */
    static Optional<Path> locate(String argv0, Map<String, String> env, Path workdir) {
        if (argv0.contains("/")) {
            Path path = workdir.resolve(argv0).normalize();
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        }
        for (String dir : env.getOrDefault("PATH", DEFAULT_PATH).split(":")) {
            if (dir.isEmpty() || !dir.startsWith("/")) {
                continue;
            }
            Path candidate = Path.of(dir, argv0);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The folder above {@code bin/} holding the executable, or the executable's own folder. */
    static Path installationOf(Path executable) {
        Path dir = executable.toAbsolutePath().normalize().getParent();
        Path parent = dir.getParent();
        return dir.getFileName() != null && dir.getFileName().toString().equals("bin") && parent != null ? parent : dir;
    }

    static boolean isUnderAny(Path path, List<Path> roots) {
        Path p = path.toAbsolutePath().normalize();
        return roots.stream()
                .anyMatch(root -> p.startsWith(root.toAbsolutePath().normalize()));
    }

    private static void addInstallation(
            Path installation, Path executable, List<Path> shown, List<Path> mounts, ProtectedPaths protectedPaths) {
        if (isUnderAny(executable, shown)) {
            return;
        }
        // never widen a bind to a home folder: fall back to the executable's folder, then to the file alone
        for (Path candidate : List.of(installation, executable.getParent(), executable)) {
            if (candidate != null && !protectedPaths.wouldExpose(candidate)) {
                mounts.add(candidate);
                shown.add(candidate);
                return;
            }
        }
    }

    /** Version-manager shims (pyenv, rbenv) are scripts that need the manager itself and a home folder. */
    private static void rejectShim(String argv0, Path real) throws SandboxException {
        Path dir = real.getParent();
        if (dir != null
                && dir.getFileName() != null
                && dir.getFileName().toString().equals("shims")) {
            throw new SandboxException(
                    argv0 + " resolves to the version-manager shim " + real
                            + ", which cannot run in the sandbox: pass the interpreter it selects (e.g. `pyenv which "
                            + real.getFileName() + "`)",
                    null);
        }
    }

    private static Path realPath(Path path) throws SandboxException {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new SandboxException("cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }
}
