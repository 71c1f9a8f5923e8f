package dev.nightshift.sinkapi.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../escape.md",
                "a/../../escape.md",
                "/etc/passwd",
                "~/x",
                "C:/win.md",
                "a\\..\\b.md",
                "a//b.md",
                "./a.md",
                "a/./b.md",
                ".git/hooks/pre-commit",
                "src/.GIT/config",
                "a/b/..",
                "",
                "bad\u0000name",
                "new\nline.md"
            })
    void refusesPathsThatCouldLeaveTheTarget(String path) {
        assertThatThrownBy(() -> SafePaths.validate(path))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("refused artifact path");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"README.md", "src/main/java/a/FooTest.java", "docs/..hidden..md", "a b/c.md", "ünï/côdé.py.md"})
    void acceptsOrdinaryRelativePaths(String path) {
        assertThat(SafePaths.validate(path)).isEqualTo(path);
        assertThat(SafePaths.resolveInside(dir, path).startsWith(dir.toAbsolutePath()))
                .isTrue();
    }

    @Test
    void refusesAPathThroughASymbolicLinkInTheTarget() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.createSymbolicLink(target.resolve("link"), outside);

        assertThatThrownBy(() -> SafePaths.resolveInside(target, "link/x.py.md"))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("symbolic link");
    }
}
