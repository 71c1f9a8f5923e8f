package dev.nightshift.validator.runner.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.validator.runner.FileLines;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsV8CoverageTest {
    private static final String SOURCE = """
            // a comment line
            function f(x) {
              if (x) { return 1; }
              return 2;
            }

            f(1);
            """;

    @Test
    void aLineTakesTheCountOfTheInnermostRangeHoldingAllOfIt() {
        int fn = SOURCE.indexOf("function");
        int fnEnd = SOURCE.indexOf("}\n\nf(1)") + 1;
        int afterIf = SOURCE.indexOf("\n  return 2");
        List<V8Coverage.Range> load = List.of(
                new V8Coverage.Range(0, SOURCE.length(), 1),
                new V8Coverage.Range(fn, fnEnd, 1),
                new V8Coverage.Range(afterIf, fnEnd - 1, 0));

        FileLines lines = V8Coverage.lines(SOURCE, List.of(load));

        assertThat(lines.statements()).containsExactlyInAnyOrder(2, 3, 4, 5, 7);
        assertThat(lines.executed()).containsExactlyInAnyOrder(2, 3, 5, 7);
    }

    @Test
    void aFileNoProcessLoadedIsWhollyUncovered() {
        FileLines lines = V8Coverage.lines(SOURCE, List.of());

        assertThat(lines.statements()).hasSize(5);
        assertThat(lines.executed()).isEmpty();
    }
}
