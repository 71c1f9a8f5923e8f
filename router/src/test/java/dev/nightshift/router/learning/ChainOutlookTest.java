package dev.nightshift.router.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nightshift.core.provider.ModelRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected dollars per accepted artifact of a chain started at one model: stages, repairs, escalation. */
class ChainOutlookTest {
    private static final ModelRef CHEAP = ModelRef.parse("deepseek/deepseek-chat");
    private static final ModelRef STRONG = ModelRef.parse("anthropic/claude-3-5-haiku");

    @Test
    void aStagePassesOnItsFirstTryOrOnOneOfItsRepairs() {
        StageFigures stage = new StageFigures(CHEAP, 0.4, 0.5, 0.001, 0.002, 10);

        // 1 − 0.6 × 0.5²
        assertThat(stage.stagePass(2)).isCloseTo(0.85, within(1e-12));
        // 0.001 + 0.6 × 0.002 + 0.6 × 0.5 × 0.002: each repair paid only while everything before it failed
        assertThat(stage.stageCostUsd(2)).isCloseTo(0.0028, within(1e-12));
        assertThat(stage.stagePass(0)).isCloseTo(0.4, within(1e-12));
        assertThat(stage.stageCostUsd(0)).isCloseTo(0.001, within(1e-12));
    }

    @Test
    void aFailedStageEscalatesToTheNextAndOnlyThenPaysForIt() {
        StageFigures cheap = new StageFigures(CHEAP, 0.5, 0.0, 0.001, 0.001, 10);
        StageFigures strong = new StageFigures(STRONG, 0.9, 0.0, 0.01, 0.01, 10);

        ChainOutlook fromCheap = ChainOutlook.of(List.of(cheap, strong), 0);
        ChainOutlook fromStrong = ChainOutlook.of(List.of(strong), 0);

        assertThat(fromCheap.expectedCostUsd()).isCloseTo(0.001 + 0.5 * 0.01, within(1e-15));
        assertThat(fromCheap.acceptProbability()).isCloseTo(1 - 0.5 * 0.1, within(1e-15));
        assertThat(fromCheap.startPass()).isEqualTo(0.5);
        assertThat(fromCheap.dollarsPerPass()).isCloseTo(0.006 / 0.95, within(1e-15));
        assertThat(fromStrong.dollarsPerPass()).isCloseTo(0.01 / 0.9, within(1e-15));
    }

    @Test
    void aChainThatNeverDeliversCostsInfinitelyMuchPerPass() {
        ChainOutlook hopeless = ChainOutlook.of(List.of(new StageFigures(CHEAP, 0, 0, 0.001, 0.001, 50)), 2);

        assertThat(hopeless.dollarsPerPass()).isInfinite();
    }
}
