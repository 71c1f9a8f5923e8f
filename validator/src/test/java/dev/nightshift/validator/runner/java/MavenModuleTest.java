package dev.nightshift.validator.runner.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenModuleTest {
    @TempDir
    Path tmp;

    Path file(String path) throws Exception {
        Path p = tmp.resolve(path);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[0]);
    }

    @Test
    void theLauncherBringsItsOwnJUnitPlatformButJUnit4AndExtensionsStay() throws Exception {
        MavenModule m = MavenModule.of(
                tmp.resolve("module"),
                List.of(
                        file("repo/org/junit/jupiter/junit-jupiter-api/5.10.0/junit-jupiter-api-5.10.0.jar"),
                        file("repo/org/junit/platform/junit-platform-engine/1.10.0/junit-platform-engine-1.10.0.jar"),
                        file("repo/org/junit/vintage/junit-vintage-engine/5.10.0/junit-vintage-engine-5.10.0.jar"),
                        file("repo/junit/junit/4.13.2/junit-4.13.2.jar"),
                        file("repo/org/mockito/mockito-junit-jupiter/5.0.0/mockito-junit-jupiter-5.0.0.jar")));

        assertThat(m.runtimeClasspath())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("junit-4.13.2.jar", "mockito-junit-jupiter-5.0.0.jar");
        assertThat(m.compileClasspath()).hasSize(5);
    }

    @Test
    void jarsOfALocalRepositoryAreShownAsTheFolderTheyShare() throws Exception {
        Files.createDirectories(tmp.resolve("module/target/classes"));
        Path lib = file("lib/vendored.jar");
        MavenModule m = MavenModule.of(
                tmp.resolve("module"),
                List.of(
                        file("m2/repository/junit/junit/4.13.2/junit-4.13.2.jar"),
                        file("m2/repository/com/acme/util/1.0-SNAPSHOT/util-1.0-20260101.120000-3.jar"),
                        file("m2/repository/org/hamcrest/hamcrest-core/1.3/hamcrest-core-1.3.jar"),
                        lib));

        assertThat(m.sandboxReadOnly())
                .containsExactlyInAnyOrder(tmp.resolve("module/target/classes"), lib, tmp.resolve("m2/repository"));

        // a repository other users cannot search: the sandbox's own user could not reach the jars through it
        Files.setPosixFilePermissions(tmp.resolve("m2/repository/junit"), PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(m.sandboxReadOnly())
                .hasSize(5)
                .contains(tmp.resolve("m2/repository/junit/junit/4.13.2/junit-4.13.2.jar"))
                .doesNotContain(tmp.resolve("m2/repository"));
    }
}
