package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The defect profile: seeded first-try defects at the configured rates, repairs at the configured chance. */
class TestDefectsTest {
    private static final TestDefects PROFILE = new TestDefects(0.20, 0.15, 0.05, 0.10, 0.60);

    /** {@code n} distinct worker prompts over Java, Python and JavaScript units. */
    static List<String> prompts(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (i % 3) {
                case 0 -> {
                    String name = "Unit" + i;
                    String code = "package com.acme;\n\npublic class " + name
                            + " {\n    public int plus(int a) {\n        return a + " + i + ";\n    }\n}\n";
                    TestTarget t = WorkerPrompts.target(
                            "src/test/java/com/acme/" + name + "Test.java",
                            name + "Test",
                            i % 2 == 0 ? TestFramework.JUNIT5 : TestFramework.JUNIT4,
                            "src/main/java/com/acme/" + name + ".java",
                            "package com.acme",
                            List.of());
                    out.add(WorkerPrompts.tests("src/main/java/com/acme/" + name + ".java", "java", t, code));
                }
                case 1 -> {
                    String module = "pkg/mod" + i + ".py";
                    String code =
                            "def scale(x: int) -> int:\n    if x < 0:\n        raise ValueError(\"negative\")\n    return x * "
                                    + i + "\n";
                    TestTarget t = WorkerPrompts.target(
                            "tests/test_mod" + i + ".py",
                            "test_mod" + i,
                            TestFramework.PYTEST,
                            module,
                            "from pkg.mod" + i + " import scale",
                            List.of());
                    out.add(WorkerPrompts.tests(module, "python", t, code));
                }
                default -> {
                    String module = "lib/m" + i + ".js";
                    String code = "function shift(n) {\n  return n + " + i + ";\n}\n\nmodule.exports = { shift };\n";
                    TestTarget t = WorkerPrompts.target(
                            "test/m" + i + ".test.js",
                            "m" + i,
                            TestFramework.NODE_TEST,
                            module,
                            "const { shift } = require('../lib/m" + i + "')",
                            List.of());
                    out.add(WorkerPrompts.tests(module, "javascript", t, code));
                }
            }
        }
        return out;
    }

    private static TestsWriter.TestReply reply(String prompt, String model, TestDefects defects, long seed) {
        return TestsWriter.reply(PromptReader.read(prompt), new SimulatedModel(model, defects, seed));
    }

    @Test
    void firstTryDefectsOverTwoHundredPromptsComeAtTheConfiguredRates() {
        // Given 200 different prompts and a configured profile
        List<String> prompts = prompts(200);

        // When one model writes a first try for each
        Map<Defect, Integer> counts = new EnumMap<>(Defect.class);
        for (String p : prompts) {
            TestsWriter.TestReply r = reply(p, "deepseek-chat", PROFILE, 42);
            counts.merge(r.firstTry(), 1, Integer::sum);
            assertThat(r.delivered()).isEqualTo(r.firstTry());
            // and the file shows the defect it was drawn with
            switch (r.firstTry()) {
                case NO_GAIN -> assertThat(r.cases()).hasSize(1);
                case FLAKY -> assertThat(r.source()).containsAnyOf("Math.random()", "random.random()");
                case NONE -> assertThat(r.source()).doesNotContain("random").contains("6");
                default -> {}
            }
        }

        // Then each defect's share is within a few points of its probability
        double n = prompts.size();
        assertThat(counts.getOrDefault(Defect.BUILD_ERROR, 0) / n).isCloseTo(0.20, within(0.07));
        assertThat(counts.getOrDefault(Defect.WRONG_ASSERTION, 0) / n).isCloseTo(0.15, within(0.07));
        assertThat(counts.getOrDefault(Defect.FLAKY, 0) / n).isCloseTo(0.05, within(0.04));
        assertThat(counts.getOrDefault(Defect.NO_GAIN, 0) / n).isCloseTo(0.10, within(0.06));
        assertThat(counts.getOrDefault(Defect.NONE, 0) / n).isCloseTo(0.50, within(0.08));
    }

    @Test
    void theBuiltInProfilesMakeTheCheapTierWorseThanHaikuAndGpt4oMini() {
        // Given the built-in profiles (nothing configured)
        List<String> prompts = prompts(300);
        Map<String, Double> defective = new java.util.LinkedHashMap<>();
        for (String model : List.of("deepseek-chat", "claude-3-5-haiku-20241022", "gpt-4o-mini")) {
            int bad = 0;
            for (String p : prompts) {
                if (reply(p, model, null, 42).firstTry() != Defect.NONE) {
                    bad++;
                }
            }
            defective.put(model, bad / (double) prompts.size());
        }

        // Then DeepSeek's first tries are defective about half the time, the others about 28 %
        assertThat(defective.get("deepseek-chat")).isCloseTo(0.50, within(0.08));
        assertThat(defective.get("claude-3-5-haiku-20241022")).isCloseTo(0.28, within(0.08));
        assertThat(defective.get("gpt-4o-mini")).isCloseTo(0.28, within(0.08));
        assertThat(TestDefects.builtIn("deepseek-chat").repairChance()).isEqualTo(0.60);
        assertThat(TestDefects.builtIn("claude-3-5-haiku-20241022").repairChance())
                .isEqualTo(0.75);
    }

    @Test
    void aRepairRoundFixesTheTestWithTheConfiguredChanceAndAFixStaysFixed() {
        // Given 200 first tries that all have a defect, and a model that repairs 60 % of the time
        TestDefects profile = new TestDefects(0.5, 0.3, 0.2, 0.0, 0.6);
        int fixedFirst = 0;
        int fixedBySecond = 0;
        for (String p : prompts(200)) {
            TestsWriter.TestReply first = reply(p, "deepseek-chat", profile, 7);
            assertThat(first.firstTry()).isNotEqualTo(Defect.NONE);
            String language = PromptReader.read(p).language();

            // When repair rounds 1 and 2 come with the previous test and diagnostics
            TestsWriter.TestReply r1 = reply(
                    WorkerPrompts.repair(p, language, 1, Verdict.FAILED, "1 failed", first.source()),
                    "deepseek-chat",
                    profile,
                    7);
            TestsWriter.TestReply r2 = reply(
                    WorkerPrompts.repair(p, language, 2, Verdict.FAILED, "1 failed", r1.source()),
                    "deepseek-chat",
                    profile,
                    7);

            // Then a repaired reply is the clean version of the same test, an unrepaired one the same test again
            TestsWriter.TestReply clean = reply(p, "deepseek-chat", TestDefects.NONE, 7);
            for (TestsWriter.TestReply r : List.of(r1, r2)) {
                assertThat(r.firstTry()).isEqualTo(first.firstTry());
                assertThat(r.source()).isEqualTo(r.delivered() == Defect.NONE ? clean.source() : first.source());
            }
            if (r1.delivered() == Defect.NONE) {
                fixedFirst++;
                assertThat(r2.delivered()).isEqualTo(Defect.NONE);
            }
            if (r2.delivered() == Defect.NONE) {
                fixedBySecond++;
            }
        }
        assertThat(fixedFirst / 200.0).isCloseTo(0.60, within(0.08));
        assertThat(fixedBySecond / 200.0).isCloseTo(0.84, within(0.07));
    }

    @Test
    void theSamePromptGetsTheSameTestAndTheSeedChangesTheDraws() {
        List<String> prompts = prompts(60);
        int differ = 0;
        for (String p : prompts) {
            assertThat(reply(p, "gpt-4o-mini", PROFILE, 42).text())
                    .isEqualTo(reply(p, "gpt-4o-mini", PROFILE, 42).text());
            if (reply(p, "gpt-4o-mini", PROFILE, 42).firstTry()
                    != reply(p, "gpt-4o-mini", PROFILE, 43).firstTry()) {
                differ++;
            }
        }
        assertThat(differ).isPositive();
    }

    @Test
    void everyReplyIsOneFencedBlockDeclaringTheRequestedTestName() {
        for (String p : prompts(30)) {
            for (Defect d : Defect.values()) {
                TestDefects only = new TestDefects(
                        d == Defect.BUILD_ERROR ? 1.0 : 0.0,
                        d == Defect.WRONG_ASSERTION ? 1.0 : 0.0,
                        d == Defect.FLAKY ? 1.0 : 0.0,
                        d == Defect.NO_GAIN ? 1.0 : 0.0,
                        1.0);
                UnitPrompt unit = PromptReader.read(p);
                TestsWriter.TestReply r = TestsWriter.reply(unit, new SimulatedModel("deepseek-chat", only, 1));
                assertThat(r.text().split("```", -1)).hasSize(3);
                assertThat(r.text())
                        .startsWith("Here is `" + unit.test().path() + "`, declaring `"
                                + unit.test().name() + "`");
                String source = WorkerPrompts.fenced(r.text());
                switch (unit.language()) {
                    case "java" ->
                        assertThat(source).contains("class " + unit.test().name() + " {");
                    case "javascript" ->
                        assertThat(source).contains("describe('" + unit.test().name() + "'");
                    default -> assertThat(source).contains("def test_");
                }
            }
        }
    }

    @Test
    void aTestHoldingBackticksGetsALongerFence() {
        TestTarget t = WorkerPrompts.target(
                "test/fence.test.js",
                "fence",
                TestFramework.JEST,
                "lib/fence.js",
                "const { fence } = require('../lib/fence')",
                List.of());
        String prompt = WorkerPrompts.tests(
                "lib/fence.js", "javascript", t, "const fence = () => '```' + 'js';\n\nmodule.exports = { fence };\n");
        String text = reply(prompt, "gpt-4o-mini", TestDefects.NONE, 1).text();
        assertThat(text)
                .contains("````javascript\n")
                .contains("expect(fence()).toBe('```js');")
                .endsWith("````\n");
    }

    @Test
    void aProfileRejectsProbabilitiesOutsideZeroToOneOrAddingUpToMoreThanOne() {
        assertThatThrownBy(() -> new TestDefects(1.2, null, null, null, null)).hasMessageContaining("buildError");
        assertThatThrownBy(() -> new TestDefects(0.5, 0.4, 0.2, 0.0, 0.5)).hasMessageContaining("must not exceed 1");
        assertThat(new TestDefects(null, 0.3, null, null, null).over(TestDefects.ECONOMY))
                .isEqualTo(new TestDefects(0.20, 0.3, 0.05, 0.10, 0.60));
    }

    @Test
    void withTheBuiltInProfilesAnEscalatingRunEndsWithMostJobsPassing() {
        // Given the pipeline's policy: a first try, up to two repair rounds with the same model, then the next model
        // (DeepSeek, Claude Haiku, GPT-4o mini); a test without defect passes, a no-gain test ends its job
        List<String> chain = List.of("deepseek-chat", "claude-3-5-haiku-20241022", "gpt-4o-mini");
        int passed = 0;
        int passedFirstModel = 0;
        int noGain = 0;
        int calls = 0;
        for (String p : prompts(200)) {
            String language = PromptReader.read(p).language();
            boolean done = false;
            for (int m = 0; m < chain.size() && !done; m++) {
                TestsWriter.TestReply r = reply(p, chain.get(m), null, 42);
                calls++;
                for (int round = 1;
                        round <= 2 && r.delivered() != Defect.NONE && r.delivered() != Defect.NO_GAIN;
                        round++) {
                    r = reply(
                            WorkerPrompts.repair(p, language, round, Verdict.FAILED, "rejected", r.source()),
                            chain.get(m),
                            null,
                            42);
                    calls++;
                }
                if (r.delivered() == Defect.NONE) {
                    passed++;
                    passedFirstModel += m == 0 ? 1 : 0;
                    done = true;
                } else if (r.delivered() == Defect.NO_GAIN) {
                    noGain++;
                    done = true;
                }
            }
        }

        // Then about nine jobs in ten end with a passing test, most on the cheap model, the rest with no gain
        assertThat(passed / 200.0).isCloseTo(0.89, within(0.06));
        assertThat(passedFirstModel / 200.0).isCloseTo(0.84, within(0.08));
        assertThat((passed + noGain) / 200.0).isGreaterThanOrEqualTo(0.98);
        assertThat(calls / 200.0).isBetween(1.3, 1.9);
    }
}
