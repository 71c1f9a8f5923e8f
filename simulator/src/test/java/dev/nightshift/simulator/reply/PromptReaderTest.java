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
        String prompt =
                "Write Markdown documentation for the file below.\n\nPath: web/src/cart.ts\n\n```ts\nexport function total() {}\n```\n";

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
        String prompt =
                "Write unit tests (pytest) for `pkg/util.py`. Answer with the test file only.\n```\ndef f():\n    pass\n```";

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
        String prompt =
                "Document this file: src/test_helpers.py\n```python\ndef test_a(): pass\ndef test_b(): pass\n# tests tests tests\n```";

        // When read
        // Then the task comes from the words around the code
        assertThat(PromptReader.read(prompt).task()).isEqualTo(TaskType.DOCS);
    }

    @Test
    void takesAnExplicitTaskMarkerOverWordCounts() {
        // Given a prompt with task: tests but more documentation words
        String prompt =
                "task: tests\nDocument the behaviour, explain and describe it in the docs.\nFile: a/B.java\n```java\nclass B {}\n```";

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
        TestTarget target = new TestTarget(
                "src/test/java/com/acme/CalculatorPart2Test.java",
                "CalculatorPart2Test",
                TestFramework.JUNIT4,
                "src/main/java/com/acme/Calculator.java",
                "package com.acme (same package as the code under test)",
                List.of("assertj", "mockito"),
                "src/test/java/com/acme/CalculatorTest.java",
                2,
                3);
        String prompt =
                WorkerPrompts.tests("src/main/java/com/acme/Calculator.java", "java", target, "class Calculator {}\n");

        // When read
        UnitPrompt unit = PromptReader.read(prompt);

        // Then every header line is taken as stated
        assertThat(unit.task()).isEqualTo(TaskType.TESTS);
        assertThat(unit.path()).isEqualTo("src/main/java/com/acme/Calculator.java");
        assertThat(unit.language()).isEqualTo("java");
        assertThat(unit.code()).isEqualTo("class Calculator {}\n");
        assertThat(unit.test())
                .isEqualTo(new TestSpec(
                        "src/test/java/com/acme/CalculatorPart2Test.java",
                        "CalculatorPart2Test",
                        "junit4",
                        "package com.acme",
                        List.of("assertj", "mockito"),
                        2,
                        3));
        assertThat(unit.repair()).isNull();
        assertThat(unit.firstTry()).isEqualTo(prompt.stripTrailing());
    }

    @Test
    void takesTheFirstFenceAfterTheHeadersAsTheCodeAndReadsTheRepairSection() {
        // Given a repair prompt whose previous test is longer than the code and holds backticks (a longer fence)
        TestTarget target = TestTarget.single(
                "test/shout.test.js",
                "shout",
                TestFramework.NODE_TEST,
                "lib/shout.js",
                "const { shout } = require('../lib/shout')",
                List.of());
        String first = WorkerPrompts.tests("lib/shout.js", "javascript", target, JS);
        String previous =
                "const { describe, it } = require('node:test');\n// a long previous test with ``` inside\n".repeat(5);
        String repair = WorkerPrompts.repair(
                first, "javascript", 2, Verdict.BUILD_FAILED, "SyntaxError: Unexpected end of input", previous);

        // When read
        UnitPrompt unit = PromptReader.read(repair);

        // Then the code is the code under test, and the round, verdict, diagnostics and previous test are found
        assertThat(unit.code()).isEqualTo(JS);
        assertThat(unit.test().imports()).isEqualTo("const { shout } = require('../lib/shout')");
        assertThat(unit.test().libraries()).isEmpty();
        assertThat(unit.test().framework()).isEqualTo("node-test");
        assertThat(unit.repair())
                .isEqualTo(new RepairSpec(2, "build-failed", "SyntaxError: Unexpected end of input\n", previous));
        assertThat(unit.firstTry()).isEqualTo(first.stripTrailing());
    }

    @Test
    void readsTheWorkersDocsPromptAsDocs() {
        UnitPrompt unit = PromptReader.read(WorkerPrompts.docs("lib/shout.js", "javascript", JS));
        assertThat(unit.task()).isEqualTo(TaskType.DOCS);
        assertThat(unit.code()).isEqualTo(JS);
        assertThat(unit.test()).isNull();
    }

    @Test
    void readsAFilePartPromptsHeadersAndItsOutline() {
        // Given the worker's prompt for part 2 of a file, with its public symbols and the whole file's outline
        String prompt = DocsPrompts.joined(DocsPrompts.part(
                "src/main/java/shop/Cart.java",
                "java",
                List.of("Cart", "Cart.put(String, Item)", "Cart.total()"),
                2,
                3,
                "    long total() { return 0; }\n",
                "class Cart\n  total()\n"));

        // When read
        UnitPrompt unit = PromptReader.read(prompt);

        // Then it is a file-level docs prompt with every header taken as stated
        assertThat(unit.task()).isEqualTo(TaskType.DOCS);
        assertThat(unit.code()).isEqualTo("    long total() { return 0; }\n");
        assertThat(unit.docs())
                .isEqualTo(new DocsSpec(
                        DocLevel.FILE,
                        List.of("Cart", "Cart.put(String, Item)", "Cart.total()"),
                        2,
                        3,
                        "class Cart\n  total()\n",
                        List.of(),
                        List.of(),
                        List.of(),
                        null,
                        List.of(),
                        List.of()));
    }

    @Test
    void readsAFolderPromptWhoseChildDocumentsHoldFences() {
        // Given a folder prompt whose file document has a code block (so the outer fence is longer)
        String doc = "# Cart.java\n\n## Purpose\n\nCarts.\n\n## Usage\n\n```java\nnew Cart();\n```\n";
        String prompt = DocsPrompts.joined(
                DocsPrompts.folder("src/shop", java.util.Map.of("src/shop/Cart.java", doc), java.util.Map.of()));

        // When read
        UnitPrompt unit = PromptReader.read(prompt);

        // Then the whole block is the content, and the headers are lists
        assertThat(unit.docs().level()).isEqualTo(DocLevel.FOLDER);
        assertThat(unit.docs().files()).containsExactly("Cart.java");
        assertThat(unit.docs().subfolders()).isEmpty();
        assertThat(unit.code()).isEqualTo("### File: src/shop/Cart.java\n" + doc);
        assertThat(ChildDoc.parse(unit.code()))
                .containsExactly(new ChildDoc(ChildDoc.Kind.FILE, "src/shop/Cart.java", doc.strip()));
    }

    @Test
    void readsARepositoryPromptWithTheWholeSourceForReference() {
        // Given a repository prompt with modules, a build file and the whole source
        String prompt = DocsPrompts.joined(DocsPrompts.repository(
                java.util.Map.of("core", "# core\n"), java.util.Map.of("pom.xml", "<project/>"), "class A {}\n"));

        // When read
        UnitPrompt unit = PromptReader.read(prompt);

        // Then the level, the modules and the source are found
        assertThat(unit.path()).isEqualTo("ARCHITECTURE.md");
        assertThat(unit.docs().level()).isEqualTo(DocLevel.REPOSITORY);
        assertThat(unit.docs().modules()).containsExactly("core");
        assertThat(unit.docs().wholeSource()).isEqualTo("class A {}\n");
        assertThat(ChildDoc.parse(unit.code()))
                .extracting(ChildDoc::kind)
                .containsExactly(ChildDoc.Kind.FOLDER, ChildDoc.Kind.BUILD_FILE);
    }

    @Test
    void readsAReviewRoundsFindingsAndPreviousDocument() {
        // Given a review round after a file prompt, the previous document holding a fence
        String first = DocsPrompts.file("lib/shout.js", "javascript", List.of("shout(s)"), JS);
        String previous = "# shout.js\n\n## Usage\n\n```javascript\nshout('a');\n```\n";
        String prompt = DocsPrompts.joined(
                DocsPrompts.review(first, 2, "unknown names: shoutAll\nmissing public symbols: shout(s)", previous));

        // When read
        UnitPrompt unit = PromptReader.read(prompt);

        // Then the round, the verdict, the findings and the document are found, and the first try is the prompt before
        // them
        assertThat(unit.repair())
                .isEqualTo(new RepairSpec(
                        2, "docs-review", "unknown names: shoutAll\nmissing public symbols: shout(s)\n", previous));
        assertThat(unit.firstTry()).isEqualTo(DocsPrompts.joined(first).stripTrailing());
        assertThat(Findings.parse(unit.repair().diagnostics()))
                .isEqualTo(new Findings(List.of("shoutAll"), List.of("shout(s)")));
        assertThat(unit.docs().publicSymbols()).containsExactly("shout(s)");
    }
}
