package dev.nightshift.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The deployment files under test live at the repository root, not in this module. */
public final class RepoFiles {
    private RepoFiles() {}

    public static Path root() {
        String configured = System.getProperty("nightshift.root");
        Path root = (configured != null ? Path.of(configured) : Path.of(".."))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("cannot find the repository root (docker-compose.yml) at " + root
                    + "; run the tests with mvn -f deploy/pom.xml or set -Dnightshift.root");
        }
        return root;
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
