package dev.nightshift.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {
    @Test
    void printsOneJsonObjectWithTheFiguresInTheOrderTheyWereAdded() {
        // Given figures with a ratio, a rate and a setting
        Figures f = new Figures("ledger")
                .add("ratio", "ratio", 0.123456)
                .add("entriesPerSecond", "entries/s", 12_345.678)
                .json("batch", 500);
        // When it is rendered for machines
        String json = f.jsonLine();
        // Then small figures keep three decimals, large ones are whole, and the name comes first
        assertThat(json)
                .isEqualTo("{\"benchmark\":\"ledger\",\"ratio\":0.123,\"entriesPerSecond\":12346.0,\"batch\":500}");
    }

    @Test
    void showsLabelledFiguresInTheTableButNotJsonOnlyOnes() {
        Figures f = new Figures("ledger").add("ratio", "ratio sink / raw", 0.5).json("batch", 500);
        assertThat(f.table()).contains("ratio sink / raw").contains("0.500").doesNotContain("batch");
    }
}
