package dev.nightshift.validator.runner.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.sandbox.ProcessOutcome;
import dev.nightshift.validator.sandbox.Sandbox;
import dev.nightshift.validator.sandbox.SandboxedCommand;
import dev.nightshift.validator.sandbox.Sandboxes;
import dev.nightshift.validator.sandbox.UnsandboxedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every JavaScript framework's runner must do, against a real project of that framework (a small
 * library, lib/sign.js, and one existing test that covers only {@code twice}), prepared once per class with
 * real npm and judged in the real sandbox. Candidates use describe/it and node:assert, which Mocha, Jest and
 * node:test all understand; {@link #header()} adds what the framework needs on top.
 */
abstract class JsRunnerContract {
    static final String SIGN = """
            'use strict';

            function sign(x) {
              if (x > 0) {
                return 1;
              } else if (x < 0) {
                return -1;
              }
              return 0;
            }

            function twice(x) {
              return 2 * x;
            }

            module.exports = { sign, twice };
            """;

    static ValidatorSettings settings(Path dir) {
        return new ValidatorSettings(dir.resolve("home"), 3, Duration.ofSeconds(60), 2L << 30, 256, false, false, 4000);
    }

    /** The repository: lib/sign.js, the framework's files, one existing test of {@code twice}. */
    static JsProject prepare(Path dir, JsRunner runner, Map<String, String> frameworkFiles, String existingTest)
            throws Exception {
        Path checkout = dir.resolve("checkout");
        try (GitRepoBuilder repo = GitRepoBuilder.init(checkout)) {
            repo.file("lib/sign.js", SIGN).file("test/twice.test.js", existingTest);
            frameworkFiles.forEach(repo::file);
            repo.commit("sign");
        }
        return runner.prepare(checkout);
    }

    static JsRunner runner(ValidatorSettings settings) throws Exception {
        return new JsRunner(sandbox(settings), settings);
    }

    static Sandbox sandbox(ValidatorSettings settings) throws Exception {
        return Sandboxes.detect(settings);
    }

    abstract JsRunner runner();

    abstract JsProject project();

    abstract TestFramework framework();

    /** Lines the framework needs at the top of a test file besides node:assert and the library. */
    abstract String header();

    private TestTarget target() {
        return TestTarget.single(
                "test/sign-more.test.js",
                "sign",
                framework(),
                "lib/sign.js",
                "const { sign } = require('../lib/sign');",
                List.of());
    }

    Validation judge(String body) {
        String source = header() + "const assert = require('node:assert');\n" + body;
        return runner().judge(project(), new Candidate(target(), source));
    }

    @Test
    void aTestThatCoversNewLinesPassesWithItsGain() {
        Validation v = judge("""
                const { sign } = require('../lib/sign');

                describe('sign', () => {
                  it('is 1 for a positive number', () => {
                    assert.strictEqual(sign(3), 1);
                  });
                  it('is -1 for a negative number', () => {
                    assert.strictEqual(sign(-3), -1);
                  });
                  it('is 0 for zero', () => {
                    assert.strictEqual(sign(0), 0);
                  });
                });
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        assertThat(v.coverage().linesBefore()).isPositive();
        assertThat(v.coverage().linesAfter())
                .isGreaterThan(v.coverage().linesBefore())
                .isEqualTo(v.coverage().linesTotal());
        assertThat(v.casesRun()).isEqualTo(3);
        assertThat(v.casesKept()).isEqualTo(3);
        assertThat(v.runs()).isEqualTo(3);
        assertThat(v.keptTest()).contains("is 0 for zero");
    }

    @Test
    void aTestOfWhatTheSuiteAlreadyCoversGainsNothing() {
        Validation v = judge("""
                const { twice } = require('../lib/sign');

                describe('twice', () => {
                  it('doubles five', () => {
                    assert.strictEqual(twice(5), 10);
                  });
                });
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.NO_GAIN);
        assertThat(v.coverage().linesAfter()).isEqualTo(v.coverage().linesBefore());
        assertThat(v.keptTest()).isNull();
    }

    @Test
    void aWrongAssertionFailsWithItsMessage() {
        Validation v = judge("""
                const { sign } = require('../lib/sign');

                describe('sign', () => {
                  it('is 5 for three', () => {
                    assert.strictEqual(sign(3), 5);
                  });
                });
                """);

        assertThat(v.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(v.diagnostics())
                .contains("sign > is 5 for three")
                .containsAnyOf("1 !== 5", "Received:\n  1")
                .contains("test/sign-more.test.js:" + (6 + header().lines().count()));
    }

    @Test
    void aRequireOfAMissingModuleFailsTheBuild() {
        Validation v = judge("""
                const { sign } = require('../lib/signs');

                describe('sign', () => {
                  it('is 1 for three', () => {
                    assert.strictEqual(sign(3), 1);
                  });
                });
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.BUILD_FAILED);
        assertThat(v.diagnostics()).contains("Cannot find module '../lib/signs'");
    }

    @Test
    void aSyntaxErrorFailsTheBuild() {
        Validation v = judge("""
                const { sign } = require('../lib/sign');

                describe('sign', () => {
                  it('is 1 for three', () => {
                    assert.strictEqual(sign(3), 1;
                  });
                });
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.BUILD_FAILED);
        assertThat(v.diagnostics()).contains("SyntaxError");
    }

    @Test
    void aTestThatPassesOnlyOnceIsFlaky() {
        Validation v = judge("""
                const fs = require('node:fs');
                const os = require('node:os');
                const path = require('node:path');
                const { sign } = require('../lib/sign');

                describe('sign', () => {
                  it('passes only the first time', () => {
                    const marker = path.join(os.tmpdir(), 'ran-before');
                    const first = !fs.existsSync(marker);
                    fs.writeFileSync(marker, '');
                    assert.ok(first);
                    assert.strictEqual(sign(0), 0);
                  });
                });
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.FLAKY);
        assertThat(v.diagnostics()).contains("passes only the first time");
    }

    @Test
    void reachingForTheNetworkIsASandboxViolation() {
        Validation v = judge("""
                const dns = require('node:dns');

                describe('the network', () => {
                  it('resolves a name', async () => {
                    await dns.promises.lookup('example.com');
                  });
                });
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.SANDBOX_VIOLATION);
        assertThat(v.diagnostics()).contains("network").contains("example.com");
    }

    @Test
    void failingCasesAreRemovedAndTheRestIsKeptAndPassesUnderTheRepositorysOwnCommand() throws Exception {
        Validation v = judge("""
                const { sign } = require('../lib/sign');

                describe('sign', () => {
                  it('is 1 for a positive number', () => {
                    assert.strictEqual(sign(3), 1);
                  });

                  it('is 2 for two', () => {
                    assert.strictEqual(sign(2), 2);
                  });

                  describe('below zero', () => {
                    it('is -1', () => {
                      assert.strictEqual(sign(-7), -1);
                    });
                    it("is 0 (it isn't)", () => { assert.strictEqual(sign(-1), 0); });
                  });
                });
                """);

        assertThat(v.verdict()).as(v.diagnostics()).isEqualTo(Verdict.PASSED);
        assertThat(v.casesRun()).isEqualTo(4);
        assertThat(v.casesKept()).isEqualTo(2);
        assertThat(v.keptTest())
                .contains("is 1 for a positive number", "is -1", "describe('below zero'")
                .doesNotContain("is 2 for two", "it isn't");
        assertThat(v.coverage().linesAfter()).isGreaterThan(v.coverage().linesBefore());

        Path kept = project().root().resolve(target().path());
        Files.writeString(kept, v.keptTest());
        try {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("CI", "true");
            ProcessOutcome npmTest = new UnsandboxedProcess()
                    .run(new SandboxedCommand(
                            List.of("npm", "test"),
                            project().root(),
                            env,
                            List.of(),
                            List.of(project().root()),
                            List.of(),
                            Duration.ofSeconds(180),
                            2L << 30,
                            256));
            assertThat(npmTest.exitCode()).as(npmTest.output()).isZero();
            assertThat(npmTest.output()).containsAnyOf("is -1", "sign-more.test.js");
        } finally {
            Files.deleteIfExists(kept);
        }
    }
}
