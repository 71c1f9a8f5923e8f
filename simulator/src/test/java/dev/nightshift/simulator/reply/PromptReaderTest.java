package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.TaskType;
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
}
