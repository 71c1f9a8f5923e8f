package dev.nightshift.validator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.workspace.Workspaces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {
    @TempDir
    Path tmp;

    static Candidate candidate(TestFramework framework) {
        return new Candidate(TestTarget.single("x_test.go", "TestX", framework, "x.go", "", List.of()), "package x");
    }

    ValidatorSettings settings() {
        return ValidatorSettings.defaults(tmp.resolve("home"));
    }

    @Test
    void theRunnerOfTheFrameworkJudgesInThePreparedWorkspace() throws Exception {
        String commit;
        try (GitRepoBuilder repo = GitRepoBuilder.init(tmp.resolve("repo"))) {
            commit = repo.file("build.txt", "built").commit("first");
        }
        Validator validator = new Validator(
                settings(), new Workspaces(settings().home(), 2, Duration.ofMinutes(5)), List.of(new ManifestRunner()));

        Validation v = validator.validate(tmp.resolve("repo").toString(), commit, candidate(TestFramework.GO_TEST));

        assertThat(v.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(v.diagnostics()).isEqualTo("built");
    }

    @Test
    void aFrameworkWithoutARunnerIsAnInfrastructureVerdict() throws Exception {
        Validator validator = new Validator(
                settings(), new Workspaces(settings().home(), 2, Duration.ofMinutes(5)), List.of(new ManifestRunner()));

        Validation v = validator.validate(tmp.toString(), "HEAD", candidate(TestFramework.PYTEST));

        assertThat(v.verdict()).isEqualTo(Verdict.INFRASTRUCTURE);
        assertThat(v.diagnostics()).isEqualTo("no runner for pytest tests");
    }

    @Test
    void everyCandidateOfAWorkspaceThatCannotBePreparedGetsItsReasonOnOneLine() throws Exception {
        String commit;
        try (GitRepoBuilder repo = GitRepoBuilder.init(tmp.resolve("repo"))) {
            commit = repo.file("build.txt", "broken").commit("first");
        }
        ManifestRunner runner = new ManifestRunner();
        Validator validator =
                new Validator(settings(), new Workspaces(settings().home(), 2, Duration.ofMinutes(5)), List.of(runner));

        for (int i = 0; i < 2; i++) {
            Validation v = validator.validate(tmp.resolve("repo").toString(), commit, candidate(TestFramework.GO_TEST));
            assertThat(v.verdict()).isEqualTo(Verdict.INFRASTRUCTURE);
            assertThat(v.diagnostics()).isEqualTo("build.txt says the build is broken | second line");
        }
        assertThat(runner.prepared).hasSize(1);
    }

    @Test
    void withoutASandboxEveryCandidateGetsTheRefusal() {
        Validator validator = Validator.refusing(settings(), "no sandbox for generated tests: bubblewrap not found");

        Validation v = validator.validate(tmp.toString(), "HEAD", candidate(TestFramework.JUNIT5));

        assertThat(v.verdict()).isEqualTo(Verdict.INFRASTRUCTURE);
        assertThat(v.diagnostics()).isEqualTo("no sandbox for generated tests: bubblewrap not found");
    }
}
