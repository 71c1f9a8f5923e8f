package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Python and JavaScript tests the simulated model writes, run by the real tools: pytest and unittest
 * ({@code python3}), {@code node --test}, and Mocha and Jest installed with npm into {@code target/js-runners}
 * (kept between runs). Where npm cannot install them (no registry), the Mocha and Jest files run on a minimal
 * describe/it/expect harness on plain node instead, and the log says so.
 */
class ScriptTestsIT {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptTestsIT.class);
    private static final Path RUNNERS = Path.of(System.getProperty("basedir", "."), "target", "js-runners");
    private static boolean npmRunners;

    @TempDir
    Path dir;

    record Outcome(int exit, String output) {}

    @BeforeAll
    static void installRunners() throws Exception {
        Path bin = RUNNERS.resolve("node_modules/.bin");
        if (Files.isExecutable(bin.resolve("mocha")) && Files.isExecutable(bin.resolve("jest"))) {
            npmRunners = true;
            return;
        }
        Files.createDirectories(RUNNERS);
        Files.writeString(
                RUNNERS.resolve("package.json"), "{\"name\":\"js-runners\",\"version\":\"1.0.0\",\"private\":true}\n");
        Outcome npm = exec(
                RUNNERS,
                300,
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefer-offline",
                "mocha@10",
                "jest@29");
        npmRunners =
                npm.exit() == 0 && Files.isExecutable(bin.resolve("mocha")) && Files.isExecutable(bin.resolve("jest"));
        if (!npmRunners) {
            LOG.warn(
                    "npm could not install mocha and jest ({}): their files run on the minimal harness instead",
                    npm.output());
        }
    }

    static Outcome exec(Path cwd, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("CI", "true");
        pb.environment().put("NO_COLOR", "1");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Outcome(-1, "cannot start " + command[0] + ": " + e.getMessage());
        }
        InputStream in = p.getInputStream();
        java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return new Outcome(-2, "timed out: " + String.join(" ", command));
        }
        byte[] bytes;
        try {
            bytes = out.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            bytes = new byte[0];
        }
        return new Outcome(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    }

    private static TestsWriter.TestReply reply(String prompt, String model, TestDefects defects) {
        return TestsWriter.reply(PromptReader.read(prompt), new SimulatedModel(model, defects, 42));
    }

    private static TestDefects only(Defect defect) {
        return new TestDefects(
                defect == Defect.BUILD_ERROR ? 1.0 : 0.0,
                defect == Defect.WRONG_ASSERTION ? 1.0 : 0.0,
                defect == Defect.FLAKY ? 1.0 : 0.0,
                defect == Defect.NO_GAIN ? 1.0 : 0.0,
                1.0);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    // ------------------------------------------------------------------ Python

    private static String pythonPrompt(TestFramework framework) {
        TestTarget target = WorkerPrompts.target(
                "tests/test_pricing.py",
                "test_pricing",
                framework,
                Units.PYTHON_PATH,
                "from shop.pricing import Greeter, add, divide, greet, with_tax",
                List.of());
        return WorkerPrompts.tests(Units.PYTHON_PATH, "python", target, Units.PYTHON);
    }

    private Outcome pytest(String test) throws Exception {
        write("shop/pricing.py", Units.PYTHON);
        write("tests/test_pricing.py", test);
        return exec(dir, 120, "python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_pricing.py");
    }

    @Test
    void aCleanPytestModulePassesUnderPytest() throws Exception {
        // Given the worker's prompt for a Python module of functions and a class
        TestsWriter.TestReply reply = reply(pythonPrompt(TestFramework.PYTEST), "deepseek-chat", TestDefects.NONE);

        // When pytest runs the test
        Outcome run = pytest(reply.source());

        // Then every case passes: values, the ValueError and TypeError guards, the class and its methods
        assertThat(run.exit()).as(run.output() + "\n" + reply.source()).isZero();
        assertThat(run.output()).containsPattern("\\b1[0-9] passed");
        assertThat(reply.source())
                .contains("from shop.pricing import Greeter, add, divide, greet, with_tax")
                .contains("assert add(6, 3) == 9")
                .contains("with pytest.raises(ValueError):\n        divide(6, 0)")
                .contains("greet(None)")
                .contains("greeter.greet(\"abc\") == \"Hello, abc!\"")
                .doesNotContain("_helper");
        assertThat(reply.text()).contains("tests/test_pricing.py");
    }

    @Test
    void pytestSeesEachDefectAsTheValidatorWill() throws Exception {
        String prompt = pythonPrompt(TestFramework.PYTEST);
        Outcome broken =
                pytest(reply(prompt, "deepseek-chat", only(Defect.BUILD_ERROR)).source());
        assertThat(broken.exit()).as(broken.output()).isNotIn(0, 1);
        assertThat(broken.output()).containsAnyOf("error", "Error");

        Outcome wrong = pytest(
                reply(prompt, "deepseek-chat", only(Defect.WRONG_ASSERTION)).source());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.output()).contains("1 failed");

        Outcome noGain =
                pytest(reply(prompt, "deepseek-chat", only(Defect.NO_GAIN)).source());
        assertThat(noGain.exit()).isZero();
        assertThat(noGain.output()).contains("1 passed");
    }

    @Test
    void aRepairedPytestModulePasses() throws Exception {
        // Given a first try that does not import, and pytest's collection error
        String prompt = pythonPrompt(TestFramework.PYTEST);
        TestsWriter.TestReply first = reply(prompt, "gpt-4o-mini", only(Defect.BUILD_ERROR));
        Outcome broken = pytest(first.source());
        assertThat(broken.exit()).isNotZero();

        // When the repair round comes back to a model that repairs
        String repair =
                WorkerPrompts.repair(prompt, "python", 1, Verdict.BUILD_FAILED, broken.output(), first.source());
        TestsWriter.TestReply fixed = reply(repair, "gpt-4o-mini", only(Defect.BUILD_ERROR));

        // Then pytest passes it
        Outcome run = pytest(fixed.source());
        assertThat(run.exit()).as(run.output()).isZero();
    }

    @Test
    void aCleanUnittestModulePassesUnderUnittest() throws Exception {
        TestsWriter.TestReply reply =
                reply(pythonPrompt(TestFramework.UNITTEST), "claude-3-5-haiku-20241022", TestDefects.NONE);
        write("shop/pricing.py", Units.PYTHON);
        write("tests/test_pricing.py", reply.source());
        Outcome run = exec(dir, 120, "python3", "-m", "unittest", "-v", "tests/test_pricing.py");
        assertThat(run.exit()).as(run.output() + "\n" + reply.source()).isZero();
        assertThat(run.output()).contains("OK");
        assertThat(reply.source())
                .contains("import unittest")
                .contains("class TestPricing(unittest.TestCase):")
                .contains("with self.assertRaises(ValueError):")
                .doesNotContain("pytest");
    }

    // ------------------------------------------------------------------ JavaScript

    private static String cjsPrompt(TestFramework framework) {
        TestTarget target = WorkerPrompts.target(
                "test/greet.test.js",
                "greet",
                framework,
                Units.CJS_PATH,
                "const { greet, add, divide, Counter } = require('../lib/greet')",
                List.of());
        return WorkerPrompts.tests(Units.CJS_PATH, "javascript", target, Units.CJS);
    }

    private static String esmPrompt(TestFramework framework) {
        TestTarget target = WorkerPrompts.target(
                "test/mathx.test.js",
                "mathx",
                framework,
                Units.ESM_PATH,
                "import describeValue, { square, half } from '../src/mathx.js'",
                List.of());
        return WorkerPrompts.tests(Units.ESM_PATH, "javascript", target, Units.ESM);
    }

    private Outcome nodeTest(String unitPath, String unit, String testPath, String test, boolean esm) throws Exception {
        if (esm) {
            write("package.json", "{\"type\":\"module\"}\n");
        }
        write(unitPath, unit);
        write(testPath, test);
        return exec(dir, 120, "node", "--test", testPath);
    }

    @Test
    void aCleanNodeTestFilePassesUnderNodeTestForCommonJsAndEsModules() throws Exception {
        TestsWriter.TestReply cjs = reply(cjsPrompt(TestFramework.NODE_TEST), "deepseek-chat", TestDefects.NONE);
        Outcome run = nodeTest(Units.CJS_PATH, Units.CJS, "test/greet.test.js", cjs.source(), false);
        assertThat(run.exit()).as(run.output() + "\n" + cjs.source()).isZero();
        assertThat(run.output()).contains("# fail 0").containsPattern("# pass (9|1[0-9])");
        assertThat(cjs.source())
                .contains("const { describe, it } = require('node:test');")
                .contains("const { greet, add, divide, Counter } = require('../lib/greet');")
                .contains("describe('greet'")
                .contains("assert.throws(() => divide(6, 0), RangeError);")
                .contains("greet('abc'), 'Hello, abc!'");

        Path cjsDir = dir;
        dir = Files.createDirectories(cjsDir.resolve("esm"));
        TestsWriter.TestReply esm = reply(esmPrompt(TestFramework.NODE_TEST), "deepseek-chat", TestDefects.NONE);
        Outcome esmRun = nodeTest(Units.ESM_PATH, Units.ESM, "test/mathx.test.js", esm.source(), true);
        assertThat(esmRun.exit()).as(esmRun.output() + "\n" + esm.source()).isZero();
        assertThat(esmRun.output()).contains("# fail 0");
        assertThat(esm.source())
                .contains("import { describe, it } from 'node:test';")
                .contains("import describeValue, { square, half } from '../src/mathx.js';")
                .contains("describeValue()");
    }

    @Test
    void nodeTestSeesEachDefectAsTheValidatorWill() throws Exception {
        String prompt = cjsPrompt(TestFramework.NODE_TEST);
        List<Outcome> outcomes = new ArrayList<>();
        for (Defect d : List.of(Defect.BUILD_ERROR, Defect.WRONG_ASSERTION, Defect.NO_GAIN)) {
            dir = Files.createDirectories(dir.resolve(d.id()));
            outcomes.add(nodeTest(
                    Units.CJS_PATH,
                    Units.CJS,
                    "test/greet.test.js",
                    reply(prompt, "qwen2.5-coder-32b-instruct", only(d)).source(),
                    false));
        }
        assertThat(outcomes.get(0).exit()).isNotZero();
        assertThat(outcomes.get(0).output()).containsAnyOf("SyntaxError", "Cannot find module");
        assertThat(outcomes.get(1).exit()).isNotZero();
        assertThat(outcomes.get(1).output()).contains("# fail 1");
        assertThat(outcomes.get(2).exit()).isZero();
        assertThat(outcomes.get(2).output()).contains("# pass 1");

        // A flaky file passes some runs and fails others
        dir = Files.createDirectories(dir.resolve("flaky"));
        String flaky =
                reply(prompt, "qwen2.5-coder-32b-instruct", only(Defect.FLAKY)).source();
        boolean passed = false;
        boolean failed = false;
        for (int i = 0; i < 40 && !(passed && failed); i++) {
            Outcome o = nodeTest(Units.CJS_PATH, Units.CJS, "test/greet.test.js", flaky, false);
            passed |= o.exit() == 0;
            failed |= o.exit() != 0;
        }
        assertThat(passed).isTrue();
        assertThat(failed).isTrue();
    }

    private Outcome mocha(String testPath, boolean esm) throws Exception {
        if (npmRunners) {
            return exec(
                    dir,
                    180,
                    RUNNERS.resolve("node_modules/.bin/mocha").toAbsolutePath().toString(),
                    testPath);
        }
        return harness(testPath, esm);
    }

    private Outcome jest(String testPath) throws Exception {
        if (npmRunners) {
            if (!Files.exists(dir.resolve("package.json"))) {
                write("package.json", "{\"name\":\"unit\",\"private\":true}\n");
            }
            return exec(
                    dir,
                    240,
                    RUNNERS.resolve("node_modules/.bin/jest").toAbsolutePath().toString(),
                    "--ci",
                    "--runTestsByPath",
                    testPath);
        }
        return harness(testPath, false);
    }

    private Outcome harness(String testPath, boolean esm) throws Exception {
        Path runner = write(
                "mini-runner.mjs",
                new String(
                        ScriptTestsIT.class
                                .getResourceAsStream("mini-runner.mjs")
                                .readAllBytes(),
                        StandardCharsets.UTF_8));
        return exec(dir, 120, "node", runner.toString(), testPath, esm ? "esm" : "cjs");
    }

    @Test
    void aCleanMochaFilePassesUnderMocha() throws Exception {
        TestsWriter.TestReply cjs = reply(cjsPrompt(TestFramework.MOCHA), "gpt-4o-mini", TestDefects.NONE);
        write(Units.CJS_PATH, Units.CJS);
        write("test/greet.test.js", cjs.source());
        Outcome run = mocha("test/greet.test.js", false);
        assertThat(run.exit()).as(run.output() + "\n" + cjs.source()).isZero();
        assertThat(run.output()).containsPattern(npmRunners ? "\\d+ passing" : "# fail 0");
        assertThat(cjs.source())
                .contains("const assert = require('node:assert/strict');")
                .doesNotContain("node:test")
                .doesNotContain("chai");

        dir = Files.createDirectories(dir.resolve("esm"));
        TestsWriter.TestReply esm = reply(esmPrompt(TestFramework.MOCHA), "gpt-4o-mini", TestDefects.NONE);
        write("package.json", "{\"type\":\"module\"}\n");
        write(Units.ESM_PATH, Units.ESM);
        write("test/mathx.test.js", esm.source());
        Outcome esmRun = mocha("test/mathx.test.js", true);
        assertThat(esmRun.exit()).as(esmRun.output() + "\n" + esm.source()).isZero();
    }

    @Test
    void aCleanJestFilePassesUnderJestAndAWrongOneFails() throws Exception {
        TestsWriter.TestReply clean =
                reply(cjsPrompt(TestFramework.JEST), "claude-3-5-haiku-20241022", TestDefects.NONE);
        write(Units.CJS_PATH, Units.CJS);
        write("test/greet.test.js", clean.source());
        Outcome run = jest("test/greet.test.js");
        assertThat(run.exit()).as(run.output() + "\n" + clean.source()).isZero();
        assertThat(clean.source())
                .contains("expect(divide(6, 3)).toBe(2);")
                .contains(".toThrow(RangeError)")
                .doesNotContain("node:assert");

        write(
                "test/greet.test.js",
                reply(cjsPrompt(TestFramework.JEST), "claude-3-5-haiku-20241022", only(Defect.WRONG_ASSERTION))
                        .source());
        Outcome wrong = jest("test/greet.test.js");
        assertThat(wrong.exit()).isNotZero();
    }
}
