package dev.nightshift.validator.runner.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Mocha project whose .mocharc.json names every spec file; V8 coverage through NODE_V8_COVERAGE. */
class JsMochaRunnerIT extends JsRunnerContract {
    @TempDir
    static Path dir;

    private static JsRunner runner;
    private static JsProject project;

    @BeforeAll
    static void prepareTheProjectOnce() throws Exception {
        runner = runner(settings(dir));
        project = prepare(
                dir,
                runner,
                Map.of(
                        "package.json", """
                        {
                          "name": "sign",
                          "version": "1.0.0",
                          "private": true,
                          "scripts": { "test": "mocha" },
                          "devDependencies": { "mocha": "10.8.2" }
                        }
                        """,
                        ".mocharc.json", """
                        { "spec": ["test/**/*.test.js"] }
                        """),
                """
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
        return TestFramework.MOCHA;
    }

    @Override
    String header() {
        return "";
    }

    @Test
    void linesAreTheFilesLinesOfCodeAndV8GivesNoBranches() {
        Validation v = judge("""
                const { sign } = require('../lib/sign');

                describe('sign', () => {
                  it('is -1 below zero', () => {
                    assert.strictEqual(sign(-2), -1);
                  });
                });
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        // 13 lines hold code; the suite runs the top level and twice (5 lines); this adds sign's entry,
        // its two conditions, its negative return and closing lines, but not `return 1` or `return 0`
        assertThat(v.coverage().linesTotal()).isEqualTo(13);
        assertThat(v.coverage().linesBefore()).isEqualTo(5);
        assertThat(v.coverage().linesAfter()).isEqualTo(11);
        assertThat(v.coverage().branchesTotal()).isZero();
    }
}
