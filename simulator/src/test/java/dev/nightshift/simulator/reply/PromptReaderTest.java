package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptReaderTest {
    @Test
    void findsTheTaskPathLanguageAndCodeOfADocsPrompt() {
        // Given a docs prompt naming the unit and fencing its code
        String prompt = "Write Markdown documentation for the file below.\n\nPath: web/src/cart.ts\n\n```ts\nexport function total() {}\n```\n";

        // When read
        UnitPrompt unit = PromptReader.read(prompt);

        // Then every part is found
        assertThat(unit.task()).isEqualTo(TaskType.DOCS);
        assertThat(unit.path()).isEqualTo("web/src/cart.ts");
        assertThat(unit.language()).isEqualTo("typescript");
        assertThat(unit.code()).isEqualTo("export function total() {}\n");
    }

    @Test
    void recognisesATestsPromptAndTakesTheLanguageFromThePathWithoutFenceTag() {
        // Given a tests prompt whose fence has no language tag
        String prompt = "Write unit tests (pytest) for `pkg/util.py`. Answer with the test file only.\n```\ndef f():\n    pass\n```";

        // When read
        UnitPrompt unit = PromptReader.read(prompt);

        // Then it is a tests job in Python
        assertThat(unit.task()).isEqualTo(TaskType.TESTS);
        assertThat(unit.path()).isEqualTo("pkg/util.py");
        assertThat(unit.language()).isEqualTo("python");
    }

    @Test
    void ignoresTheWordTestInsideTheCode() {
        // Given a docs prompt whose code is full of tests
        String prompt = "Document this file: src/test_helpers.py\n```python\ndef test_a(): pass\ndef test_b(): pass\n# tests tests tests\n```";

        // When read
        // Then the task comes from the words around the code
        assertThat(PromptReader.read(prompt).task()).isEqualTo(TaskType.DOCS);
    }

    @Test
    void takesAnExplicitTaskMarkerOverWordCounts() {
        // Given a prompt with task: tests but more documentation words
        String prompt = "task: tests\nDocument the behaviour, explain and describe it in the docs.\nFile: a/B.java\n```java\nclass B {}\n```";

        // When read
        // Then the marker wins
        assertThat(PromptReader.read(prompt).task()).isEqualTo(TaskType.TESTS);
    }

    @Test
    void copesWithAPromptThatHasNoFenceAndNoPath() {
        // Given free text
        // When read
        UnitPrompt unit = PromptReader.read("def lonely():\n    return 1\n");

        // Then the whole text is the code of an unnamed unit
        assertThat(unit.path()).isEqualTo("unit");
        assertThat(unit.language()).isEqualTo("text");
        assertThat(unit.code()).contains("def lonely");
    }

    private static final String JS = "const shout = (s) => `${s}!`;\n\nmodule.exports = { shout };\n";

    @Test
    void readsTheWorkersTestPromptToTheLetter() {
        // Given the worker's prompt for a split Java unit with libraries
        TestTarget target = new TestTarget("src/test/java/com/acme/CalculatorPart2Test.java", "CalculatorPart2Test", TestFramework.JUNIT4,
                "src/main/java/com/acme/Calculator.java", "package com.acme (same package as the code under test)",
                List.of("assertj", "mockito"), "src/test/java/com/acme/CalculatorTest.java", 2, 3);
        String prompt = WorkerPrompts.tests("src/main/java/com/acme/Calculator.java", "java", target, "class Calculator {}\n");

        // When read
        UnitPrompt unit = PromptReader.read(prompt);

        // Then every header line is taken as stated
        assertThat(unit.task()).isEqualTo(TaskType.TESTS);
        assertThat(unit.path()).isEqualTo("src/main/java/com/acme/Calculator.java");
        assertThat(unit.language()).isEqualTo("java");
        assertThat(unit.code()).isEqualTo("class Calculator {}\n");
        assertThat(unit.test()).isEqualTo(new TestSpec("src/test/java/com/acme/CalculatorPart2Test.java", "CalculatorPart2Test", "junit4",
                "package com.acme", List.of("assertj", "mockito"), 2, 3));
        assertThat(unit.repair()).isNull();
        assertThat(unit.firstTry()).isEqualTo(prompt.stripTrailing());
    }

    @Test
    void takesTheFirstFenceAfterTheHeadersAsTheCodeAndReadsTheRepairSection() {
        // Given a repair prompt whose previous test is longer than the code and holds backticks (a longer fence)
        TestTarget target = TestTarget.single("test/shout.test.js", "shout", TestFramework.NODE_TEST, "lib/shout.js",
                "const { shout } = require('../lib/shout')", List.of());
        String first = WorkerPrompts.tests("lib/shout.js", "javascript", target, JS);
        String previous = "const { describe, it } = require('node:test');\n// a long previous test with ``` inside\n".repeat(5);
        String repair = WorkerPrompts.repair(first, "javascript", 2, Verdict.BUILD_FAILED, "SyntaxError: Unexpected end of input", previous);

        // When read
        UnitPrompt unit = PromptReader.read(repair);

        // Then the code is the code under test, and the round, verdict, diagnostics and previous test are found
        assertThat(unit.code()).isEqualTo(JS);
        assertThat(unit.test().imports()).isEqualTo("const { shout } = require('../lib/shout')");
        assertThat(unit.test().libraries()).isEmpty();
        assertThat(unit.test().framework()).isEqualTo("node-test");
        assertThat(unit.repair()).isEqualTo(new RepairSpec(2, "build-failed", "SyntaxError: Unexpected end of input\n", previous));
        assertThat(unit.firstTry()).isEqualTo(first.stripTrailing());
    }

    @Test
    void readsTheWorkersDocsPromptAsDocs() {
        UnitPrompt unit = PromptReader.read(WorkerPrompts.docs("lib/shout.js", "javascript", JS));
        assertThat(unit.task()).isEqualTo(TaskType.DOCS);
        assertThat(unit.code()).isEqualTo(JS);
        assertThat(unit.test()).isNull();
    }
}
