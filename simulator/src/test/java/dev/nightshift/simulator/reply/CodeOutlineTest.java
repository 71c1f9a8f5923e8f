package dev.nightshift.simulator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CodeOutlineTest {

    @Test
    void findsTheTypesAndMethodsOfAJavaClass() {
        String code = """
                public final class Cart {
                    public long total(List<Long> prices) {
                        return 0;
                    }
                    private static final Map<String, List<Integer>> index(String key) {
                        return null;
                    }
                }
                """;

        List<String> names = CodeOutline.declarations(code, "java").stream()
                .map(Declaration::name)
                .toList();

        assertThat(names).containsExactly("Cart", "total");
    }

    @Test
    @Timeout(30) // guards against catastrophic backtracking; the outline itself takes milliseconds
    void aRepositoryDigestWithLongAndOddLinesIsOutlinedWithoutBacktrackingForever() {
        StringBuilder digest = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            digest.append("    public static final ")
                    .append("Map<String, List<Integer>> ".repeat(8))
                    .append("x")
                    .append(i)
                    .append(" = null;\n");
            digest.append("    public ").append("a ".repeat(150)).append("\n");
        }
        digest.append("var minified=")
                .append("function(a){return a}".repeat(5_000))
                .append(";\n");
        digest.append("public class Last {\n}\n");

        List<Declaration> found = CodeOutline.declarations(digest.toString(), "java");

        assertThat(found).extracting(Declaration::name).contains("Last");
    }
}
