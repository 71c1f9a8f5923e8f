package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The documents of the documentation hierarchy: a file's, a folder's summary, the repository's architecture. */
class DocsLevelsTest {
    static final String CART_PATH = "src/main/java/shop/Cart.java";
    static final List<String> CART_SYMBOLS = List.of("Cart", "Cart.add(Item)", "Cart.total()");
    static final String CART = """
            package shop;

            import java.util.ArrayList;
            import java.util.List;

            /** A shopping cart. */
            public class Cart {
                private final List<Item> items = new ArrayList<>();

                public void add(Item item) {
                    items.add(item);
                }

                public long total() {
                    return items.stream().mapToLong(Item::price).sum();
                }
            }
            """;
    static final String ITEM =
            "package shop;\n\n/** A thing to buy. */\npublic record Item(String name, long price) {\n}\n";

    private static String write(String user) {
        return ArtifactWriter.write(
                DocsPrompts.joined(user), new SimulatedModel("gpt-4o-mini", TestDefects.NONE, DocsDefects.NONE, 42));
    }

    private static String cartDoc() {
        return write(DocsPrompts.file(CART_PATH, "java", CART_SYMBOLS, CART));
    }

    /** The text of a {@code ## name} section, up to the next {@code ## } heading. */
    static String section(String doc, String name) {
        Matcher m = Pattern.compile("(?ms)^## " + Pattern.quote(name) + "\\n(.*?)(?=^## |\\z)")
                .matcher(doc);
        assertThat(m.find()).as("section %s in:%n%s", name, doc).isTrue();
        return m.group(1);
    }

    @Test
    void aFileDocumentHasPurposePublicApiUsageAndPitfallsWithASubsectionPerPublicSymbol() {
        // Given the worker's file prompt listing three public symbols
        // When the document is written
        String doc = cartDoc();

        // Then it has the file level's sections in order, one API subsection per symbol and a Java example
        assertThat(doc).startsWith("# Cart.java\n\n## Purpose\n\n");
        assertThat(doc.indexOf("## Purpose")).isLessThan(doc.indexOf("## Public API"));
        assertThat(doc.indexOf("## Public API")).isLessThan(doc.indexOf("## Usage"));
        assertThat(doc.indexOf("## Usage")).isLessThan(doc.indexOf("## Pitfalls"));
        assertThat(section(doc, "Purpose").strip())
                .doesNotContain("\n\n")
                .contains("`Cart`")
                .contains("`src/main/java/shop`");
        assertThat(section(doc, "Public API"))
                .contains("### `Cart`\n", "### `Cart.add(Item)`\n", "### `Cart.total()`\n");
        assertThat(Pattern.compile("(?m)^### ")
                        .matcher(section(doc, "Public API"))
                        .results()
                        .count())
                .isEqualTo(3);
        assertThat(section(doc, "Usage"))
                .startsWith("\n```java\n")
                .contains("cart.add(item);")
                .contains("cart.total();");
        assertThat(section(doc, "Pitfalls")).contains("\n- ");
        assertThat(doc.split("```", -1)).hasSize(3);
    }

    @Test
    void theSameFilePromptToTheSameModelGivesTheSameBytes() {
        assertThat(cartDoc()).isEqualTo(cartDoc());
    }

    @Test
    void withoutPublicSymbolsItDocumentsTheDeclarationsTheOutlineFinds() {
        // Given a file prompt with no Public symbols line
        // When the document is written
        String api = section(write(DocsPrompts.file(CART_PATH, "java", null, CART)), "Public API");

        // Then each declaration gets its subsection, by its declared signature
        assertThat(api).contains("### `class Cart`", "### `Cart.add(Item item)`", "### `Cart.total()`");
    }

    @Test
    void purposeAndPublicApiStayByteIdenticalWhenOnlyAMethodBodyChanges() {
        // Given the same file with a different body in add, now with a guard that throws
        String changed = CART.replace(
                "        items.add(item);\n",
                "        if (item == null) {\n            throw new IllegalArgumentException(\"item\");\n        }\n        items.add(0, item);\n");
        assertThat(changed).isNotEqualTo(CART);

        // When both are documented
        String before = cartDoc();
        String after = write(DocsPrompts.file(CART_PATH, "java", CART_SYMBOLS, changed));

        // Then Purpose and Public API are the same bytes; the pitfalls follow the new guard
        assertThat(section(after, "Purpose")).isEqualTo(section(before, "Purpose"));
        assertThat(section(after, "Public API")).isEqualTo(section(before, "Public API"));
        assertThat(section(after, "Pitfalls")).contains("`IllegalArgumentException`");
        assertThat(section(before, "Pitfalls")).doesNotContain("IllegalArgumentException");
    }

    @Test
    void theDocumentGrowsByAboutAHundredTokensPerSymbol() {
        // Given a class with 5 public methods and one with 25
        String few = write(DocsPrompts.file("src/Big.java", "java", symbols(5), big(5)));
        String many = write(DocsPrompts.file("src/Big.java", "java", symbols(25), big(25)));

        // When their lengths are compared
        double perSymbol = (TokenCounter.count(many) - TokenCounter.count(few)) / 20.0;

        // Then each symbol adds between 60 and 120 tokens, so 25 of them run past a budget of 2000
        assertThat(perSymbol).isBetween(60.0, 120.0);
        assertThat(TokenCounter.count(many)).isGreaterThan(2000);
    }

    private static List<String> symbols(int n) {
        List<String> out = new ArrayList<>(List.of("Big"));
        for (int i = 0; i < n; i++) {
            out.add("Big.step" + i + "(int)");
        }
        return out;
    }

    private static String big(int n) {
        StringBuilder code = new StringBuilder("package big;\n\npublic class Big {\n");
        for (int i = 0; i < n; i++) {
            code.append("    public int step")
                    .append(i)
                    .append("(int x) {\n        return x + ")
                    .append(i)
                    .append(";\n    }\n\n");
        }
        return code.append("}\n").toString();
    }

    @Test
    void aPartIsTitledAsAPartAndDocumentsOnlyTheMembersItShows() {
        // Given part 2 of 3 of Cart.java, showing total() only, with the whole file's outline
        String code = "    public long total() {\n        return items.stream().mapToLong(Item::price).sum();\n    }\n";
        String doc = write(
                DocsPrompts.part(CART_PATH, "java", CART_SYMBOLS, 2, 3, code, "class Cart\n  add(Item)\n  total()\n"));

        // Then the title names the part, the purpose still names the type, and only total() is documented
        assertThat(doc).startsWith("# Cart.java (part 2 of 3)\n");
        assertThat(section(doc, "Purpose")).contains("`Cart`").contains("2 of 3");
        assertThat(section(doc, "Public API")).contains("### `Cart.total()`").doesNotContain("add(Item)");
        assertThat(doc).doesNotContain("cart.add(");
    }

    @Test
    void aFolderSummaryListsEachChildWithTheFirstSentenceOfItsPurpose() {
        // Given the documents of two files and the summary of a subfolder
        String cart = cartDoc();
        String item = write(DocsPrompts.file("src/main/java/shop/Item.java", "java", List.of("Item"), ITEM));
        String pricing = write(DocsPrompts.folder(
                "src/main/java/shop/pricing",
                Map.of(
                        "src/main/java/shop/pricing/Discount.java",
                        write(DocsPrompts.file(
                                "src/main/java/shop/pricing/Discount.java",
                                "java",
                                List.of("Discount"),
                                "package shop.pricing;\n\npublic class Discount {\n}\n"))),
                Map.of()));
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CART_PATH, cart);
        files.put("src/main/java/shop/Item.java", item);

        // When the folder is summarised
        String doc =
                write(DocsPrompts.folder("src/main/java/shop", files, Map.of("src/main/java/shop/pricing", pricing)));

        // Then each child's bullet carries its purpose's first sentence, and the sections are there
        assertThat(doc).startsWith("# src/main/java/shop\n\n## What lives here\n\n");
        assertThat(section(doc, "What lives here"))
                .contains("- `Cart.java` — "
                        + Markdown.sentence(section(cart, "Purpose").strip()) + "\n")
                .contains("- `Item.java` — "
                        + Markdown.sentence(section(item, "Purpose").strip()) + "\n")
                .contains("- `pricing/` — " + Markdown.firstSentence(pricing) + "\n");
        assertThat(section(doc, "How the parts relate")).contains("`Cart.java`", "`Item.java`", "`pricing`");
        assertThat(section(doc, "Subfolders")).contains("`pricing`");
    }

    @Test
    void aFolderWithoutSubfoldersHasNoSubfoldersSectionAndTakesPurposeOnlyDocuments() {
        // Given a file given by its Purpose and Public API sections only
        String cart = cartDoc();
        String purposeAndApi = cart.substring(0, cart.indexOf("## Usage"));

        // When its folder is summarised
        String doc = write(DocsPrompts.folder("src/main/java/shop", Map.of(CART_PATH, purposeAndApi), Map.of()));

        // Then the bullet still has the purpose, and there is no Subfolders section
        assertThat(doc)
                .contains(
                        "- `Cart.java` — `Cart.java` is the Java source file in `src/main/java/shop` that defines `Cart`.\n")
                .doesNotContain("## Subfolders");
    }

    @Test
    void theArchitectureDocumentHasItsSectionsAndAValidMermaidGraphWithANodePerModule() {
        // Given three module summaries and a build file that itself holds a fence
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put(
                "core", "# core\n\n## How the parts relate\n\n`core` brings together the domain types. More text.\n");
        modules.put("app", "# app\n\n## How the parts relate\n\n`app` wires the command line to the core.\n");
        modules.put("docs-site", "# docs-site\n\n## How the parts relate\n\n`docs-site` publishes the manual.\n");
        String pom =
                "<project>\n  <!-- ```not a fence end``` -->\n  <modules><module>core</module></modules>\n</project>";

        // When the architecture is described, with the whole source for reference
        String doc = write(DocsPrompts.repository(
                modules, Map.of("pom.xml", pom), "class Main { public static void main(String[] args) {} }\n"));

        // Then the sections come in order, each module has its first sentence, and the diagram is valid Mermaid
        assertThat(doc).startsWith("# Architecture\n\n## Overview\n\n");
        for (String s : List.of("## Overview", "## Modules", "## Data flow", "## Entry points", "## Module diagram")) {
            assertThat(doc).contains("\n" + s + "\n");
        }
        assertThat(section(doc, "Modules"))
                .contains("### `core`\n\n`core` brings together the domain types.\n")
                .contains("### `app`\n\n`app` wires the command line to the core.\n")
                .contains("### `docs-site`\n");
        assertThat(section(doc, "Entry points")).contains("`app`").contains("`pom.xml`");
        String diagram = mermaid(doc);
        assertThat(diagram).startsWith("graph TD\n");
        List<String> lines = diagram.lines().skip(1).toList();
        for (String line : lines) {
            assertThat(line).matches("\\s+[A-Za-z0-9_]+\\[\"[^\"]+\"\\]|\\s+[A-Za-z0-9_]+ --> [A-Za-z0-9_]+");
        }
        assertThat(lines.stream().filter(l -> l.contains("[\"")).toList())
                .hasSize(3)
                .anySatisfy(l -> assertThat(l).endsWith("[\"core\"]"))
                .anySatisfy(l -> assertThat(l).endsWith("[\"app\"]"))
                .anySatisfy(l -> assertThat(l).endsWith("[\"docs-site\"]"));
        assertThat(lines.stream().filter(l -> l.contains("-->")).toList()).hasSize(2);
    }

    /** The body of the one {@code ```mermaid} block. */
    static String mermaid(String doc) {
        Matcher m = Pattern.compile("(?ms)^```mermaid\\n(.*?)^```$").matcher(doc);
        assertThat(m.find()).as("a mermaid block in:%n%s", doc).isTrue();
        return m.group(1);
    }

    @Test
    void theOldFreeWordingStillGetsTheOutlineDocumentAndTheWorkersAskWithoutLevelIsAFileDocument() {
        // Given a docs prompt in free words, and the worker's ask without a Level line
        String free = ArtifactWriter.write(
                "Write documentation for this file.\nFile: lib/cart.py\n```python\ndef total(items):\n    return 0\n```");
        String noLevel =
                ArtifactWriter.write(WorkerPrompts.docs("lib/cart.py", "python", "def total(items):\n    return 0\n"));

        // Then the first keeps its overview shape and the second is a file document
        assertThat(free).startsWith("# `lib/cart.py`").contains("## Overview");
        assertThat(noLevel).startsWith("# cart.py\n\n## Purpose\n\n").contains("### `total(items)`");
    }
}
