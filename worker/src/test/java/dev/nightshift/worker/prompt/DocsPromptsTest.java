package dev.nightshift.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.core.validation.Repair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DocsPromptsTest {
    private final PromptBuilder builder = new PromptBuilder();

    private static Job job(String unitPath, String language, String content, DocsTarget docs) {
        return new Job(
                "j-1",
                "r-1",
                "acme",
                "/repo",
                "c0ffee",
                TaskType.DOCS,
                unitPath,
                language,
                "h",
                "1",
                content,
                10,
                1024,
                true,
                null,
                docs);
    }

    @ParameterizedTest
    @EnumSource(DocLevel.class)
    void eachLevelHasItsOwnSystemInstructionUnder200Tokens(DocLevel level) {
        assertThat(TokenCounter.count(PromptBuilder.docsSystem(level))).isLessThan(200);
    }

    @Test
    void aFilesPromptListsItsPublicSymbolsAndFencesItsSource() {
        Job file = job(
                "shop/Cart.java",
                "java",
                "class Cart { void add() {} }\n",
                DocsTarget.file("shop/Cart.java.md", List.of("Cart", "Cart.add")));

        Prompt p = builder.build(file);

        assertThat(p.system()).contains("'## Purpose'", "'## Public API'");
        assertThat(p.user())
                .startsWith("Document this file.\nPath: shop/Cart.java\nLanguage: java\nLevel: file\n")
                .contains("Public symbols: Cart, Cart.add\n", "```java\nclass Cart { void add() {} }\n```\n")
                .doesNotContain("Part:", "Outline");
    }

    @Test
    void aPartStatesWhichPartItIsAndCarriesTheWholeFilesOutlineAfterItsCode() {
        Job part = job(
                "shop/Ledger.java#L40-90",
                "java",
                "    long figure2() { return 2; }\n",
                DocsTarget.part(
                        "shop/Ledger.java.md",
                        List.of("Ledger.figure2"),
                        2,
                        5,
                        "class Ledger\n  figure1()\n  figure2()\n"));

        String user = builder.build(part).user();

        assertThat(user).contains("Part: 2 of 5 (document only the members shown)\n");
        assertThat(user.indexOf("```java"))
                .isLessThan(user.indexOf("Outline of the whole file:\n```text\nclass Ledger"));
    }

    @Test
    void aFoldersPromptNamesItsFilesAndSubfoldersAndCarriesTheComposedDocuments() {
        String composed = "```markdown\n### File: pkg/a.py\n\n## Purpose\nReads.\n```\n";
        Job folder = job(
                "pkg/README",
                "text",
                composed,
                DocsTarget.composite(
                                DocLevel.FOLDER,
                                "pkg/README.md",
                                List.of(
                                        new DocChild("j-a", "pkg/a.py", DocLevel.FILE),
                                                new DocChild("j-b", "pkg/b.py#L1-40", DocLevel.FILE),
                                        new DocChild("j-b2", "pkg/b.py#L41-80", DocLevel.FILE),
                                                new DocChild("j-s", "pkg/sub/README", DocLevel.FOLDER)))
                        .composed());

        Prompt p = builder.build(folder);

        assertThat(p.system()).contains("summarising one folder");
        assertThat(p.user())
                .isEqualTo("Summarise this folder from its files' documentation.\nPath: pkg\nLanguage: text\n"
                        + "Level: folder\nFiles: a.py, b.py\nSubfolders: sub\n" + composed);
    }

    @Test
    void theRepositorysPromptNamesItsModulesAndAsksForAMermaidDiagram() {
        Job repo = job(
                "ARCHITECTURE",
                "text",
                "```markdown\n### Folder: core\n```\n",
                DocsTarget.composite(
                                DocLevel.REPOSITORY,
                                "ARCHITECTURE.md",
                                List.of(
                                        new DocChild("j-c", "core/README", DocLevel.FOLDER),
                                        new DocChild("j-m", "main.py", DocLevel.FILE)))
                        .composed());

        Prompt p = builder.build(repo);

        assertThat(p.system()).contains("mermaid", "'## Data flow'", "'## Entry points'");
        assertThat(p.user())
                .startsWith("Describe this repository's architecture from its folder summaries and build files.\n"
                        + "Path: ARCHITECTURE.md\nLanguage: text\nLevel: repository\nModules: core, main.py\n");
    }

    @Test
    void aReviewRoundGivesTheFindingsAndThePreviousDocument() {
        Job file =
                job("shop/Cart.java", "java", "class Cart {}\n", DocsTarget.file("shop/Cart.java.md", List.of("Cart")));
        LaneRequest review = new LaneRequest(
                file,
                new ModelRef("deepseek", "deepseek-chat"),
                "review",
                2,
                new Repair(1, "# Cart\n`Cart.frobnicate()`\n", null, "unknown names (…): Cart.frobnicate()"));

        String user = builder.build(review).user();

        assertThat(user)
                .contains("Review round 1: your previous document was rejected (docs-review).\nFindings:\n```text\n"
                        + "unknown names (…): Cart.frobnicate()\n```\nPrevious document:\n```markdown\n# Cart\n`Cart.frobnicate()`\n```\n"
                        + "Reply with the corrected complete document only.\n");
    }
}
