package dev.nightshift.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.TaskType;
import org.junit.jupiter.api.Test;

class ReplyTextExtractorTest {
    @Test
    void takesTheTestCodeOutOfProseAroundAFencedBlock() {
        String reply =
                "Sure! Here are the tests:\n\n```python\nimport app\n\ndef test_x():\n    assert app.x() == 1\n```\n\nLet me know if you need more.";

        ExtractedText t = ReplyTextExtractor.extract(reply, TaskType.TESTS, "python");

        assertThat(t.text()).isEqualTo("import app\n\ndef test_x():\n    assert app.x() == 1\n");
        assertThat(t.method()).isEqualTo("fenced:python");
    }

    @Test
    void prefersTheBlockInTheUnitsLanguageOverALongerBlockInAnother() {
        String reply =
                "Install first:\n```bash\npip install pytest pytest-cov hypothesis requests and-a-long-line-of-things\n```\n"
                        + "Then:\n```py\ndef test_a(): pass\n```\n";

        assertThat(ReplyTextExtractor.extract(reply, TaskType.TESTS, "python").text())
                .isEqualTo("def test_a(): pass\n");
    }

    @Test
    void keepsTheCodeOfAReplyCutOffInsideItsFence() {
        String reply = "```java\nclass FooTest {\n  @Test void a() {}\n";

        ExtractedText t = ReplyTextExtractor.extract(reply, TaskType.TESTS, "java");

        assertThat(t.text()).isEqualTo("class FooTest {\n  @Test void a() {}\n");
        assertThat(t.method()).isEqualTo("fenced:java:unclosed");
    }

    @Test
    void takesABareCodeReplyWhole() {
        assertThat(ReplyTextExtractor.extract("package a;\r\nclass ATest {}", TaskType.TESTS, "java")
                        .text())
                .isEqualTo("package a;\nclass ATest {}\n");
    }

    @Test
    void unwrapsDocumentationWhollyWrappedInAMarkdownFenceButKeepsFencesInsideIt() {
        String wrapped = "```markdown\n# Foo\n\nUse it:\n\n    foo()\n```";
        String plain = "# Foo\n\n```java\nnew Foo();\n```\n\nDone.";

        assertThat(ReplyTextExtractor.extract(wrapped, TaskType.DOCS, "java").text())
                .isEqualTo("# Foo\n\nUse it:\n\n    foo()\n");
        assertThat(ReplyTextExtractor.extract(plain, TaskType.DOCS, "java").text())
                .isEqualTo(plain + "\n");
    }
}
