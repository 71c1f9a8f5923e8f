package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The docs defect profile: invented public symbols at the configured rate, removed by a review that names them. */
class DocsDefectsTest {
    private static final SimulatedModel HALLUCINATING =
            new SimulatedModel("deepseek-chat", TestDefects.NONE, DocsDefects.alwaysHallucinating(), 42);
    private static final SimulatedModel TRUTHFUL =
            new SimulatedModel("deepseek-chat", TestDefects.NONE, DocsDefects.NONE, 42);

    private static String firstTry() {
        return DocsPrompts.joined(
                DocsPrompts.file(DocsLevelsTest.CART_PATH, "java", DocsLevelsTest.CART_SYMBOLS, DocsLevelsTest.CART));
    }

    /** The API subsections' symbols. */
    private static List<String> headings(String doc) {
        Matcher m = Pattern.compile("(?m)^### `(.+)`$").matcher(DocsLevelsTest.section(doc, "Public API"));
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void aHallucinatingModelAddsOneSymbolTheCodeDoesNotHave() {
        // Given a model that always hallucinates
        // When it documents Cart.java
        String doc = ArtifactWriter.write(firstTry(), HALLUCINATING);

        // Then the Public API has the real symbols and one more, whose name the code never uses
        List<String> headings = headings(doc);
        assertThat(headings).hasSize(4).startsWith("Cart", "Cart.add(Item)", "Cart.total()");
        String invented = headings.get(3);
        assertThat(invented).startsWith("Cart.").endsWith("()");
        String name = invented.substring("Cart.".length(), invented.length() - 2);
        assertThat(DocsLevelsTest.CART.toLowerCase(Locale.ROOT)).doesNotContain(name.toLowerCase(Locale.ROOT));
        // only in its own subsection, so that removing the subsection removes it
        assertThat(doc.split(Pattern.quote(name), -1)).hasSize(3); // the heading and its description
    }

    @Test
    void aReviewNamingTheUnknownNameGetsTheDocumentWithoutIt() {
        // Given a hallucinated first try, and a review round whose findings name its invention
        String first = ArtifactWriter.write(firstTry(), HALLUCINATING);
        String invented = headings(first).get(3);
        String unknown = invented.substring(0, invented.indexOf('('));
        String review = DocsPrompts.joined(DocsPrompts.review(
                DocsPrompts.file(DocsLevelsTest.CART_PATH, "java", DocsLevelsTest.CART_SYMBOLS, DocsLevelsTest.CART),
                1,
                "unknown names: " + unknown + ", Totals\nunclosed code fence\n",
                first));

        // When the same model answers the review
        String repaired = ArtifactWriter.write(review, HALLUCINATING);

        // Then the name is gone and the document is the one a truthful model writes
        assertThat(repaired).doesNotContain(unknown.substring(5));
        assertThat(repaired).isEqualTo(ArtifactWriter.write(firstTry(), TRUTHFUL));
    }

    @Test
    void aReviewFindingMissingPublicSymbolsAddsThem() {
        // Given a review saying the document misses Cart.clear()
        String user =
                DocsPrompts.file(DocsLevelsTest.CART_PATH, "java", DocsLevelsTest.CART_SYMBOLS, DocsLevelsTest.CART);
        String review = DocsPrompts.joined(
                DocsPrompts.review(user, 1, "missing public symbols: Cart.clear()", "# Cart.java\n"));

        // When answered
        // Then it has a subsection for it
        assertThat(headings(ArtifactWriter.write(review, TRUTHFUL))).contains("Cart.clear()");
    }

    @Test
    void byDefaultNoModelHallucinatesAndTheRateIsFollowed() {
        // Given the built-in profiles, and a configured rate of one half
        SimulatedModel builtIn = new SimulatedModel("gpt-4o-mini", TestDefects.NONE, 42);
        SimulatedModel half = new SimulatedModel("gpt-4o-mini", TestDefects.NONE, new DocsDefects(0.5), 42);
        int builtInCount = 0;
        int halfCount = 0;

        // When 200 different files are documented
        for (int i = 0; i < 200; i++) {
            String prompt = DocsPrompts.joined(DocsPrompts.file(
                    "src/Unit" + i + ".java",
                    "java",
                    List.of("Unit" + i, "Unit" + i + ".run()"),
                    "public class Unit" + i + " {\n    public void run() {\n    }\n}\n"));
            builtInCount += headings(ArtifactWriter.write(prompt, builtIn)).size() - 2;
            halfCount += headings(ArtifactWriter.write(prompt, half)).size() - 2;
        }

        // Then the built-in profile never invents, and the configured one about half the time
        assertThat(builtInCount).isZero();
        assertThat(halfCount / 200.0).isBetween(0.38, 0.62);
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new DocsDefects(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hallucinatedNames");
    }
}
