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

/** A Jest project; coverage from Jest's own istanbul instrumentation, with branches. */
class JsJestRunnerIT extends JsRunnerContract {
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
                  "scripts": { "test": "jest" },
                  "devDependencies": { "jest": "29.7.0" }
                }
                """), """
                const { twice } = require('../lib/sign');

                test('twice doubles', () => {
                  expect(twice(2)).toBe(4);
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
        return TestFramework.JEST;
    }

    @Override
    String header() {
        return "";
    }

    @Test
    void statementsAndBranchesComeFromJestsCoverage() {
        Validation v = judge("""
                const { sign } = require('../lib/sign');

                describe('sign', () => {
                  it('is -1 below zero', () => {
                    expect(sign(-2)).toBe(-1);
                  });
                });
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        // statements start on 7 lines (two ifs, three returns in sign, one in twice, the export); the suite
        // runs twice and the export; this adds both conditions and the negative return
        assertThat(v.coverage().linesTotal()).isEqualTo(7);
        assertThat(v.coverage().linesBefore()).isEqualTo(2);
        assertThat(v.coverage().linesAfter()).isEqualTo(5);
        // two if/else points, two arms each: the negative path takes the first's else and the second's if
        assertThat(v.coverage().branchesTotal()).isEqualTo(4);
        assertThat(v.coverage().branchesBefore()).isZero();
        assertThat(v.coverage().branchesAfter()).isEqualTo(2);
    }
}
