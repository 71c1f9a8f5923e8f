package dev.nightshift.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.artifact.ArtifactPaths;
import dev.nightshift.core.job.TaskType;
import org.junit.jupiter.api.Test;

class ArtifactPathsTest {

    @Test
    void documentationSitsBesideItsFile() {
        assertThat(ArtifactPaths.forUnit(TaskType.DOCS, "src/app.py", "python")).isEqualTo("src/app.py.md");
        assertThat(ArtifactPaths.forUnit(TaskType.DOCS, "src/Big.java#L1-200", "java"))
                .isEqualTo("src/Big.java--L1-200.md");
        assertThat(ArtifactPaths.forUnit(TaskType.DOCS, "ARCHITECTURE", "text")).isEqualTo("ARCHITECTURE.md");
    }

    @Test
    void testsFollowEachLanguagesConvention() {
        assertThat(ArtifactPaths.forUnit(TaskType.TESTS, "src/main/java/a/Foo.java", "java"))
                .isEqualTo("src/test/java/a/FooTest.java");
        assertThat(ArtifactPaths.forUnit(TaskType.TESTS, "tools/report.py", "python"))
                .isEqualTo("tools/test_report.py");
        assertThat(ArtifactPaths.forUnit(TaskType.TESTS, "pkg/server.go", "go")).isEqualTo("pkg/server_test.go");
        assertThat(ArtifactPaths.forUnit(TaskType.TESTS, "web/app.js", "javascript"))
                .isEqualTo("web/app.test.js");
    }

    @Test
    void partsOfOneFileGetArtifactsOfTheirOwn() {
        assertThat(ArtifactPaths.forUnit(TaskType.TESTS, "src/main/java/a/Foo.java#Greeter", "java"))
                .isEqualTo("src/test/java/a/GreeterTest.java");
        assertThat(ArtifactPaths.forUnit(TaskType.TESTS, "src/main/java/a/Foo.java#Greeter@L6-8", "java"))
                .isEqualTo("src/test/java/a/GreeterL6_8Test.java");
        assertThat(ArtifactPaths.forUnit(TaskType.TESTS, "app/calc.py#Calculator", "python"))
                .isEqualTo("app/test_calc_calculator.py");
        assertThat(ArtifactPaths.forUnit(TaskType.TESTS, "app/calc.py#Calculator", "python"))
                .isNotEqualTo(ArtifactPaths.forUnit(TaskType.TESTS, "app/calc.py#Parser", "python"));
    }
}
