package dev.nightshift.validator.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Places a sandbox must never show: home folders, nightshift's own home, and credential folders wherever
 * they are. A bind of such a place, or of a folder above one, is refused; a folder below one (a toolchain
 * under {@code ~/.pyenv/versions}, a workspace under {@code $NIGHTSHIFT_HOME/validator}) is fine.
 */
final class ProtectedPaths {
    private static final Set<String> CREDENTIAL_NAMES =
            Set.of(".ssh", ".gnupg", ".aws", ".azure", ".kube", ".docker", ".netrc", ".git-credentials", ".pgpass");

    private final List<Path> roots;

    ProtectedPaths(Collection<Path> roots) {
        this.roots = roots.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .distinct()
                .toList();
    }

    /** /root, /home, this process's home, {@code $NIGHTSHIFT_HOME}, and the given extra places. */
    static ProtectedPaths ofThisHost(Collection<Path> extra) {
        List<Path> roots = new ArrayList<>(List.of(Path.of("/root"), Path.of("/home")));
        String home = System.getProperty("user.home");
        if (home != null && !home.isBlank() && !home.equals("/")) {
            roots.add(Path.of(home));
        }
        String nightshiftHome = System.getenv("NIGHTSHIFT_HOME");
        if (nightshiftHome != null && !nightshiftHome.isBlank()) {
            roots.add(Path.of(nightshiftHome));
        }
        roots.addAll(extra);
        return new ProtectedPaths(roots);
    }

    /** The path is at or below a protected place, or names a credential folder. */
    boolean isProtected(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return namesCredentials(p) || roots.stream().anyMatch(p::startsWith);
    }

    /** Binding the path would show a protected place: it is one, contains one, or names credentials. */
    boolean wouldExpose(Path path) {
        Path p = path.toAbsolutePath().normalize();
        return p.getNameCount() == 0 || namesCredentials(p) || roots.stream().anyMatch(root -> root.startsWith(p));
    }

    private static boolean namesCredentials(Path p) {
        for (Path name : p) {
            if (CREDENTIAL_NAMES.contains(name.toString())) {
                return true;
            }
        }
        return false;
    }
}
