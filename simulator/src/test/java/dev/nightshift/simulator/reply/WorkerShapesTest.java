package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsChecker;
import dev.nightshift.core.docs.DocsInput;
import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.docs.Fences;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documents against the pipeline's own pieces: inputs composed as the sink composes them ({@link DocsInput}), the
 * public symbols listed as ingest lists them (no parameter lists), and every document checked by the reviewer the
 * worker runs ({@link DocsChecker}) — a truthful document passes it, a hallucinated one fails it with the invented
 * name, and the review round built from its findings gets a document that passes.
 */
class WorkerShapesTest {
    private static final SimulatedModel TRUTHFUL =
            new SimulatedModel("deepseek-chat", TestDefects.NONE, DocsDefects.NONE, 42);
    private static final SimulatedModel HALLUCINATING =
            new SimulatedModel("deepseek-chat", TestDefects.NONE, DocsDefects.alwaysHallucinating(), 42);
    private static final List<String> SYMBOLS = List.of("Cart", "Cart.add", "Cart.total");
    private static final DocsTarget CART_TARGET = DocsTarget.file("src/main/java/shop/Cart.java.md", SYMBOLS);

    /** The worker's file prompt: the ask, the headers, the source fenced by {@link Fences}. */
    private static String fileUser(String path, List<String> symbols, String code) {
        return "Document this file.\nPath: " + path + "\nLanguage: java\nLevel: file\n" + "Public symbols: "
                + String.join(", ", symbols) + "\n" + Fences.fenced("java", code);
    }

    private static String ask(String user, SimulatedModel model) {
        return ArtifactWriter.write(DocsPrompts.joined(user), model);
    }

    private static DocsReview review(DocsTarget target, String input, String document) {
        return DocsChecker.review(target, input, document, false, 0);
    }

    @Test
    void aFileDocumentForIngestsSymbolsPassesTheReviewAndNamesEachMethodsParameters() {
        String doc = ask(fileUser("src/main/java/shop/Cart.java", SYMBOLS, DocsLevelsTest.CART), TRUTHFUL);

        assertThat(doc)
                .contains("### `Cart.add(Item item)`", "### `Cart.total()`")
                .contains("It takes `Item item`");
        DocsReview review = review(CART_TARGET, DocsLevelsTest.CART, doc);
        assertThat(review.missingSymbols()).isEmpty();
        assertThat(review.unknownNames()).isEmpty();
        assertThat(review.markdownProblems()).isEmpty();
    }

    @Test
    void theReviewerCatchesTheInventedNameAndItsFindingsRepairTheDocument() {
        // Given a hallucinated first try
        String user = fileUser("src/main/java/shop/Cart.java", SYMBOLS, DocsLevelsTest.CART);
        String first = ask(user, HALLUCINATING);

        // When the reviewer checks it
        DocsReview rejected = review(CART_TARGET, DocsLevelsTest.CART, first);

        // Then it finds the invented name — as the heading shows it and as the description names it — and nothing else
        String invented = rejected.unknownNames().stream()
                .filter(n -> n.startsWith("Cart."))
                .findFirst()
                .orElseThrow();
        String name = invented.substring("Cart.".length(), invented.indexOf('('));
        assertThat(rejected.unknownNames()).containsExactly(invented, name);
        assertThat(DocsLevelsTest.CART).doesNotContain(name);
        assertThat(rejected.findings()).startsWith("unknown names (");

        // When the worker sends its review round with those findings
        String round = user + "\nReview round 1: your previous document was rejected (docs-review).\n"
                + "Findings:\n" + Fences.fenced("text", rejected.findings())
                + "Previous document:\n" + Fences.fenced("markdown", first)
                + "Reply with the corrected complete document only.\n";
        String repaired = ask(round, HALLUCINATING);

        // Then the repaired document passes
        assertThat(review(CART_TARGET, DocsLevelsTest.CART, repaired).unknownNames())
                .isEmpty();
        assertThat(repaired).isEqualTo(ask(user, TRUTHFUL));
    }

    @Test
    void aFolderSummaryOfComposedInputPassesTheReviewAndNamesTheTestFiles() {
        // Given the folder's input as the sink composes it: each file's Purpose and Public API, then the test files
        String cart = ask(fileUser("src/main/java/shop/Cart.java", SYMBOLS, DocsLevelsTest.CART), TRUTHFUL);
        String item = ask(fileUser("src/main/java/shop/Item.java", List.of("Item"), DocsLevelsTest.ITEM), TRUTHFUL);
        String input = DocsInput.compose(
                List.of(
                        new DocsInput.ChildDoc("src/main/java/shop/Cart.java", DocLevel.FILE, cart),
                        new DocsInput.ChildDoc("src/main/java/shop/Item.java", DocLevel.FILE, item)),
                "Test files here (not documented one by one): CartTest.java\n",
                100_000);
        String user = "Summarise this folder from its files' documentation.\nPath: src/main/java/shop\nLanguage: text\n"
                + "Level: folder\nFiles: Cart.java, Item.java\nSubfolders: none\n" + input;

        // When the folder is summarised
        String doc = ask(user, TRUTHFUL);

        // Then every child has its purpose, the test file is named, and the reviewer has nothing to say
        assertThat(DocsLevelsTest.section(doc, "What lives here"))
                .contains(
                        "- `Cart.java` — `Cart.java` is the Java source file in `src/main/java/shop` that defines `Cart`.\n")
                .contains(
                        "- `Item.java` — `Item.java` is the Java source file in `src/main/java/shop` that defines `Item`.\n")
                .contains("- `CartTest.java` — a test file");
        DocsTarget target = DocsTarget.composite(
                DocLevel.FOLDER,
                "src/main/java/shop/README.md",
                List.of(new DocChild("j1", "src/main/java/shop/Cart.java", DocLevel.FILE)));
        DocsReview review = review(target, input, doc);
        assertThat(review.unknownNames()).isEmpty();
        assertThat(review.markdownProblems()).isEmpty();
    }

    @Test
    void anArchitectureDocumentOfComposedInputTakesTheBuildFilesBlockAndPassesTheReview() {
        // Given two module summaries and a root file, the build files in their own block, then the whole source
        String core = "# core\n\n## How the parts relate\n\n`core` brings together `Cart.java` and `Item.java`.\n";
        String app = "# app\n\n## How the parts relate\n\n`app` starts the shop from `Main.java`.\n";
        String input = DocsInput.compose(
                List.of(
                        new DocsInput.ChildDoc("app/README", DocLevel.FOLDER, app),
                        new DocsInput.ChildDoc("core/README", DocLevel.FOLDER, core),
                        new DocsInput.ChildDoc(
                                "setup.py",
                                DocLevel.FILE,
                                "# setup.py\n\n## Purpose\n\n`setup.py` packages the tools.\n")),
                "Build files:\n"
                        + Fences.fenced("text", "==> pom.xml <==\n<project/>\n\n==> app/pom.xml <==\n<project/>\n")
                        + "\nWhole source (for reference):\n"
                        + Fences.fenced(
                                "text",
                                "==> app/Main.java <==\nclass Main {\n"
                                        + "    public static void main(String[] args) {}\n}\n"),
                100_000);
        String user =
                "Describe this repository's architecture from its folder summaries and build files.\nPath: ARCHITECTURE.md\n"
                        + "Language: text\nLevel: repository\nModules: app, core, setup.py\n" + input;

        // When the architecture is described
        String doc = ask(user, TRUTHFUL);

        // Then the modules carry their summaries, the build files are the ones listed, and the reviewer passes it
        assertThat(DocsLevelsTest.section(doc, "Modules"))
                .contains("### `app`\n\n`app` starts the shop from `Main.java`.\n")
                .contains("### `core`\n\n`core` brings together `Cart.java` and `Item.java`.\n")
                .contains("### `setup.py`\n\n`setup.py` packages the tools.\n");
        assertThat(DocsLevelsTest.section(doc, "Entry points"))
                .contains("`pom.xml`", "`app/pom.xml`", "`app`", "`main`");
        assertThat(DocsLevelsTest.mermaid(doc)).contains("[\"app\"]", "[\"core\"]", "[\"setup.py\"]");
        DocsTarget target = DocsTarget.composite(
                DocLevel.REPOSITORY, "ARCHITECTURE.md", List.of(new DocChild("j1", "core/README", DocLevel.FOLDER)));
        DocsReview review = review(target, input, doc);
        assertThat(review.unknownNames()).isEmpty();
        assertThat(review.markdownProblems()).isEmpty();
    }
}
