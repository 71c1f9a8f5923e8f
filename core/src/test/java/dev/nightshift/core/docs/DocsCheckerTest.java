package dev.nightshift.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocsCheckerTest {
    private static final String SOURCE = """
            package shop;
            public final class Cart {
                private final java.util.List<Item> items = new java.util.ArrayList<>();
                public void add(Item item) { items.add(item); }
                public long total() { return items.stream().mapToLong(Item::price).sum(); }
            }
            """;
    private static final DocsTarget CART =
            DocsTarget.file("shop/Cart.java.md", List.of("Cart", "Cart.add(Item)", "Cart.total()"));

    @Test
    void aWholeDocumentThatNamesOnlyRealSymbolsPasses() {
        String doc = """
                # Cart.java

                ## Purpose
                `Cart` holds the items of one order.

                ## Public API
                ### `add(Item item)`
                Adds an `Item`.
                ### `Cart.total()`
                The sum of the prices; see `items`.

                ```java
                Cart cart = new Cart();
                cart.frobnicate(); // inside an example: not checked
                ```
                """;
        DocsReview review = DocsChecker.review(CART, SOURCE, doc, false, 0);

        assertThat(review.passed()).isTrue();
        assertThat(review.symbolsCovered()).isEqualTo(3);
        assertThat(review.chars()).isEqualTo(doc.length());
    }

    @Test
    void aNameThatExistsNowhereInTheInputIsCaught() {
        String doc = """
                # Cart.java
                `Cart.add(Item)` adds; `Cart.total()` sums; `Cart.frobnicateAll()` clears and `PriceTable` prices.
                Plain words like `pytest`, files like `Cart.java` and paths like `src/shop` are not symbols.
                """;
        DocsReview review = DocsChecker.review(CART, SOURCE, doc, false, 0);

        assertThat(review.unknownNames()).containsExactly("Cart.frobnicateAll()", "PriceTable");
        assertThat(review.complete()).isTrue();
        assertThat(review.passed()).isFalse();
        assertThat(review.findings()).contains("unknown names").contains("Cart.frobnicateAll()");
    }

    @Test
    void aMissingPublicSymbolMakesTheDocumentIncomplete() {
        DocsReview review = DocsChecker.review(CART, SOURCE, "# Cart\n`Cart.add(Item)` adds an item.\n", false, 0);

        assertThat(review.missingSymbols()).containsExactly("Cart.total()");
        assertThat(review.complete()).isFalse();
        assertThat(review.findings()).contains("missing public symbols").contains("Cart.total()");
    }

    @Test
    void aSignatureSpanIsCheckedByItsFunctionName() {
        assertThat(DocsChecker.referencedName("public long total()")).isEqualTo("total");
        assertThat(DocsChecker.referencedName("Cart.add(Item)")).isEqualTo("add");
        assertThat(DocsChecker.referencedName("npm install")).isNull();
        assertThat(DocsChecker.referencedName("src/shop/Cart.java")).isNull();
    }

    @Test
    void aTruncatedDocumentIsNotComplete() {
        String doc = "# Cart\n`Cart.add(Item)` and `Cart.total()`:\n```java\ncart.add(";
        DocsReview review = DocsChecker.review(CART, SOURCE, doc, true, 2);

        assertThat(review.truncated()).isTrue();
        assertThat(review.continuations()).isEqualTo(2);
        assertThat(review.markdownProblems()).containsExactly("unclosed code fence opened at line 3");
        assertThat(review.complete()).isFalse();
    }
}
