package dev.nightshift.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownCheckTest {
    @Test
    void wellFormedMarkdownHasNoProblems() {
        String md = """
                # Title

                | a | b |
                |---|---|
                | 1 | 2 |

                ````markdown
                ```java
                inner fence does not close the outer one
                ```
                ````
                ~~~
                tilde fence
                ~~~
                """;
        assertThat(MarkdownCheck.problems(md)).isEmpty();
    }

    @Test
    void anUnclosedFenceIsReportedWithItsLine() {
        assertThat(MarkdownCheck.problems("# T\n\ntext\n```python\nprint(1)\n"))
                .containsExactly("unclosed code fence opened at line 4");
    }

    @Test
    void aShorterFenceDoesNotCloseALongerOne() {
        assertThat(MarkdownCheck.problems("# T\n````\n```\n")).containsExactly("unclosed code fence opened at line 2");
    }

    @Test
    void aTableRowWithTheWrongNumberOfCellsIsReported() {
        assertThat(MarkdownCheck.problems("# T\n| a | b |\n|---|---|\n| 1 |\n"))
                .containsExactly("table row at line 4 has 1 cells, its header 2");
    }

    @Test
    void aDocumentWithoutAHeadingIsReported() {
        assertThat(MarkdownCheck.problems("just text\n```\n# a comment in code is no heading\n```\n"))
                .containsExactly("no Markdown heading (start with a '# ' title)");
    }
}
