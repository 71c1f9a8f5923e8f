package dev.nightshift.router.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.config.RouterConfigLoader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EstimatorTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");
    private static final ModelRef GEMINI = ModelRef.parse("gemini/gemini-1.5-flash");

    private final Estimator tiers = Estimator.of(CONFIG, RouterConfigLoader.loadDefault(CONFIG));

    @Test
    void pricesEachJobOnTheModelTheRouterWouldPickBesideTheBaseline() {
        // Given two boilerplate docs jobs and one million-token-class docs job
        List<PlannedUnit> units = List.of(
                new PlannedUnit(TaskType.DOCS, "java", 1_000, 2048, 3),
                new PlannedUnit(TaskType.DOCS, "java", 3_000, 2048, 3),
                new PlannedUnit(TaskType.DOCS, "markdown", 200_000, 2048, 0));

        // When estimated
        Estimate e = tiers.estimate(units);

        // Then: DeepSeek takes 1,000 + 3,000 input with 500 + 1,500 expected output (ratio 0.5)
        ModelEstimate deepseek = e.byModel().get(DEEPSEEK);
        assertThat(deepseek.jobs()).isEqualTo(2);
        assertThat(deepseek.inputTokens()).isEqualTo(4_000);
        assertThat(deepseek.outputTokens()).isEqualTo(2_000);
        assertThat(deepseek.usd()).isEqualTo(Money.usd("0.00056").plus(Money.usd("0.00084")));
        // Gemini takes the big one; its output is capped by maxOutputTokens
        ModelEstimate gemini = e.byModel().get(GEMINI);
        assertThat(gemini.inputTokens()).isEqualTo(200_000);
        assertThat(gemini.outputTokens()).isEqualTo(2_048);
        assertThat(gemini.usd()).isEqualTo(Money.usd("0.07").plus(Money.usd("0.003072")));
        // And GPT-4o would charge 2.50/M input and 10.00/M output for the same tokens
        assertThat(e.baseline().toString()).isEqualTo("openai/gpt-4o");
        assertThat(e.baselineUsd())
                .isEqualTo(Money.usd("2.50")
                        .times(204_000)
                        .perMillion()
                        .plus(Money.usd("10.00").times(4_048).perMillion()));
    }

    @Test
    void aDeadlinePricesTheJobsThatCanWaitAtTheirProvidersBatchPrice() throws Exception {
        // Given: the same three documents; the big one goes to gemini (batches allowed), the others to deepseek
        // (none); nine hours to go
        List<PlannedUnit> units = List.of(
                new PlannedUnit(TaskType.DOCS, "java", 1_000, 2048, 3, DocLevel.FILE),
                new PlannedUnit(TaskType.DOCS, "java", 3_000, 2048, 3, DocLevel.FILE),
                new PlannedUnit(TaskType.DOCS, "markdown", 200_000, 2048, 0, DocLevel.FILE));
        Instant now = Instant.parse("2026-12-07T22:00:00Z");

        // When
        Estimate e = tiers.estimate(units, now.plus(Duration.ofHours(9)), now);

        // Then: the synchronous figures are unchanged; gemini's job costs half in a batch
        Estimate synchronous = tiers.estimate(units);
        assertThat(e.usd()).isEqualTo(synchronous.usd());
        Money gemini = Money.usd("0.07").plus(Money.usd("0.003072"));
        assertThat(e.batchShare().batchJobs()).isEqualTo(1);
        assertThat(e.batchShare().usd())
                .isEqualTo(synchronous.usd().minus(gemini).plus(gemini.times(new BigDecimal("0.5"))));
        assertThat(e.expectedUsd()).isEqualTo(e.batchShare().usd());
        JsonNode json = Json.mapper().readTree(e.toJson());
        assertThat(json.path("batchJobs").asLong()).isEqualTo(1);
        assertThat(json.path("usdWithDeadline").asText())
                .isEqualTo(e.batchShare().usd().toPlainString());
        assertThat(json.path("deadline").asText()).isEqualTo("2026-12-08T07:00:00Z");
    }

    @Test
    void aDeadlineTooNearForAFilesThreeRoundsLeavesEveryJobSynchronous() {
        // Given: two hours to go, less than a file document's 3 × 60 min + 15 min
        List<PlannedUnit> units = List.of(new PlannedUnit(TaskType.DOCS, "markdown", 200_000, 2048, 0, DocLevel.FILE));
        Instant now = Instant.parse("2026-12-07T22:00:00Z");

        // When
        Estimate e = tiers.estimate(units, now.plus(Duration.ofHours(2)), now);

        // Then
        assertThat(e.batchShare().batchJobs()).isZero();
        assertThat(e.batchShare().usd()).isEqualTo(e.usd());
        // And: without a deadline the JSON says nothing of one
        assertThat(tiers.estimate(units).toJson()).doesNotContain("deadline").doesNotContain("batch");
    }

    @Test
    void perModelTokensAndDollarsSumToTheTotals() {
        List<PlannedUnit> units = List.of(
                new PlannedUnit(TaskType.TESTS, "java", 800, 4096, 2),
                new PlannedUnit(TaskType.TESTS, "java", 20_000, 4096, 10),
                new PlannedUnit(TaskType.TESTS, "python", 500, 4096, 90),
                new PlannedUnit(TaskType.DOCS, "java", 150_000, 2048, 0));

        Estimate e = tiers.estimate(units);

        assertThat(e.jobs()).isEqualTo(4);
        assertThat(e.byModel().values().stream()
                        .mapToLong(ModelEstimate::inputTokens)
                        .sum())
                .isEqualTo(e.inputTokens());
        assertThat(e.byModel().values().stream()
                        .mapToLong(ModelEstimate::outputTokens)
                        .sum())
                .isEqualTo(e.outputTokens());
        assertThat(e.byModel().values().stream().map(ModelEstimate::usd).reduce(Money.ZERO, Money::plus))
                .isEqualTo(e.usd());
        assertThat(e.inputTokens()).isEqualTo(171_300);
    }

    @Test
    void statesTheSavingAsARatioToTheBaseline() {
        Estimate e = tiers.estimate(List.of(new PlannedUnit(TaskType.TESTS, "java", 1_000, 4096, 0)));

        // DeepSeek: 1,000 × 0.14 + 1,000 × 0.42 = $0.00056; GPT-4o: 1,000 × 2.50 + 1,000 × 10.00 = $0.0125
        assertThat(e.usd()).isEqualTo(Money.usd("0.00056"));
        assertThat(e.baselineUsd()).isEqualTo(Money.usd("0.0125"));
        assertThat(e.savingRatio()).contains(new BigDecimal("22.32"));
    }

    @Test
    void countsJobsNoModelCanTakeApartAndPricesThemAtNothing() {
        Estimator core = Estimator.of(CONFIG, RouterConfig.coreOnly(CONFIG));

        Estimate e = core.estimate(List.of(
                new PlannedUnit(TaskType.TESTS, "java", 500_000, 4096, 0),
                new PlannedUnit(TaskType.TESTS, "java", 1_000, 4096, 0)));

        assertThat(e.unroutable()).isEqualTo(1);
        assertThat(e.jobs()).isEqualTo(1);
        assertThat(e.inputTokens()).isEqualTo(1_000);
    }

    @Test
    void estimatesPlannedJobsByTheirTokensAndComplexity() {
        Estimate e = tiers.estimateJobs(List.of(Jobs.job("r", "A.java", TaskType.TESTS, 1_000)));

        assertThat(e.byModel()).containsOnlyKeys(DEEPSEEK);
    }

    @Test
    void rendersOneJsonObjectWithDecimalStringsForDollars() throws Exception {
        Estimate e = tiers.estimate(List.of(new PlannedUnit(TaskType.TESTS, "java", 1_000, 4096, 0)));

        JsonNode json = Json.mapper().readTree(e.toJson());

        assertThat(json.get("jobs").asLong()).isEqualTo(1);
        assertThat(json.get("inputTokens").asLong()).isEqualTo(1_000);
        assertThat(json.get("usd").asText()).isEqualTo("0.00056");
        assertThat(json.get("baselineUsd").asText()).isEqualTo("0.0125");
        assertThat(json.get("savingRatio").asText()).isEqualTo("22.32");
        assertThat(json.at("/byModel/deepseek~1deepseek-chat/usd").asText()).isEqualTo("0.00056");
    }
}
