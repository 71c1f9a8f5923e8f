package dev.nightshift.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchArgsTest {
    @Test
    void readsCountsWrittenWithSeparatorsAndFallsBackWhenAbsent() {
        BenchArgs args = new BenchArgs("ledger", new String[] {"1_000_000", "_"});
        assertThat(args.positiveInt(0, "entries", 5)).isEqualTo(1_000_000);
        assertThat(args.positiveInt(1, "batch", 500)).isEqualTo(500);
        assertThat(args.positiveInt(2, "other", 7)).isEqualTo(7);
    }

    @Test
    void namesTheBenchmarkTheArgumentAndAnExampleWhenACountIsNotPositive() {
        BenchArgs args = new BenchArgs("ledger", new String[] {"-3"});
        assertThatThrownBy(() -> args.positiveInt(0, "entries", 1_000_000))
                .hasMessage("bench/run ledger: argument 1 (entries) must be a positive whole number, was '-3'; "
                        + "e.g. bench/run ledger 1000000");
    }
}
