package dev.nightshift.validator.runner.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.Candidate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node:test project without dependencies; {@code npm test} is {@code node --test}. */
class JsNodeTestRunnerIT extends JsRunnerContract {
    @TempDir
    static Path dir;

    private static JsRunner runner;
    private static JsProject project;

    @BeforeAll
    static void prepareTheProjectOnce() throws Exception {
        runner = runner(settings(dir));
        project = prepare(dir, runner, Map.of("package.json", """
                {
                  "name": "sign",
                  "version": "1.0.0",
                  "private": true,
                  "scripts": { "test": "node --test" }
                }
                """), """
                const { describe, it } = require('node:test');
                const assert = require('node:assert');
                const { twice } = require('../lib/sign');

                describe('twice', () => {
                  it('doubles', () => {
                    assert.strictEqual(twice(2), 4);
                  });
                });
                """);
    }

    @Override
    JsRunner runner() {
        return runner;
    }

    @Override
    JsProject project() {
        return project;
    }

    @Override
    TestFramework framework() {
        return TestFramework.NODE_TEST;
    }

    @Override
    String header() {
        return "const { describe, it } = require('node:test');\n";
    }

    @Test
    void aTestThatRunsPastItsLimitTimesOut() throws Exception {
        ValidatorSettings quick = new ValidatorSettings(
                settings(dir).home(), 3, Duration.ofSeconds(5), 2L << 30, 256, false, false, 4000);
        Validation v = new JsRunner(sandbox(quick), quick)
                .judge(
                        project,
                        new Candidate(
                                TestTarget.single(
                                        "test/hang.test.js",
                                        "hang",
                                        TestFramework.NODE_TEST,
                                        "lib/sign.js",
                                        "",
                                        List.of()),
                                """
                        const test = require('node:test');

                        test('never ends', () => new Promise((resolve) => setTimeout(resolve, 120000)));
                        """));

        assertThat(v.verdict()).isEqualTo(Verdict.TIMEOUT);
        assertThat(v.runs()).isEqualTo(1);
    }

    @Test
    void topLevelTestsWithoutSuitesAreCasesToo() {
        Validation v = runner.judge(
                project,
                new Candidate(
                        TestTarget.single(
                                "test/top.test.js", "top", TestFramework.NODE_TEST, "lib/sign.js", "", List.of()),
                        """
                const test = require('node:test');
                const assert = require('node:assert');
                const { sign } = require('../lib/sign');

                test('zero', () => {
                  assert.strictEqual(sign(0), 0);
                });

                test('wrong', () => {
                  assert.strictEqual(sign(0), 1);
                });
                """));

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        assertThat(v.casesRun()).isEqualTo(2);
        assertThat(v.casesKept()).isEqualTo(1);
        assertThat(v.keptTest()).contains("test('zero'").doesNotContain("wrong");
    }
}
