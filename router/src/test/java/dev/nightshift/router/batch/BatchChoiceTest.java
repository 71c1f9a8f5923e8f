package dev.nightshift.router.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.batch.BatchTurnarounds;
import dev.nightshift.core.config.BatchConfig;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.router.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The batch rule against the bundled config: batches on for openai, anthropic and gemini (expected turnaround 60 min),
 * off for deepseek; a test's judging at most 3 runs × 60 s; 2 repair rounds; a 15 min margin.
 */
class BatchChoiceTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");
    private static final ModelRef GEMINI = ModelRef.parse("gemini/gemini-1.5-flash");
    private static final ModelRef GPT = ModelRef.parse("openai/gpt-4o-mini");
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");

    private final BatchTurnarounds turnarounds = new BatchTurnarounds(CONFIG);
    private final BatchChoice choice = new BatchChoice(CONFIG, turnarounds, 2, Duration.ofMinutes(15));

    private BatchChoice.Decision fileDoc(ModelRef model, Duration untilDeadline) {
        return choice.decide(TaskType.DOCS, DocLevel.FILE, model, 0, NOW.plus(untilDeadline), NOW);
    }

    @Test
    void aFarDeadlineSendsTheJobToItsProvidersBatch() {
        // When: a file's document (3 rounds: file, folder, architecture) with nine hours to go
        BatchChoice.Decision decision = fileDoc(GEMINI, Duration.ofHours(9));

        // Then: 3 × 60 min + 15 min fits
        assertThat(decision.tier()).isEqualTo(ServiceTier.BATCH);
        assertThat(decision.reason())
                .startsWith("batch: 3 rounds × 1 h (expected turnaround 1 h) + 15 min margin end by "
                        + "2026-12-08T01:15:00Z, before the deadline 2026-12-08T07:00:00Z");
    }

    @Test
    void aNearDeadlineKeepsTheJobSynchronous() {
        // When: the same document with two hours to go
        BatchChoice.Decision decision = fileDoc(GEMINI, Duration.ofHours(2));

        // Then: 3 h 15 min would end after the deadline
        assertThat(decision.tier()).isEqualTo(ServiceTier.STANDARD);
        assertThat(decision.reason()).startsWith("synchronous: 3 rounds").contains("after the deadline");
    }

    @Test
    void anObservedTurnaroundSlowerThanTheExpectedOneFlipsTheDecision() {
        // Given: four hours to go, which the expected hour per batch allows
        assertThat(fileDoc(GEMINI, Duration.ofHours(4)).tier()).isEqualTo(ServiceTier.BATCH);

        // When: gemini's batch items are seen to come back after two hours
        for (int i = 0; i < 3; i++) {
            turnarounds.observe(batchItem("gemini", Duration.ofHours(2)));
        }

        // Then: 3 × 2 h + 15 min no longer fits; other providers keep their expected hour
        BatchChoice.Decision decision = fileDoc(GEMINI, Duration.ofHours(4));
        assertThat(decision.tier()).isEqualTo(ServiceTier.STANDARD);
        assertThat(decision.reason()).contains("(observed turnaround 2 h)");
        assertThat(fileDoc(GPT, Duration.ofHours(4)).tier()).isEqualTo(ServiceTier.BATCH);
    }

    @Test
    void anObservedTurnaroundFasterThanTheExpectedOneLetsANearerDeadlineUseBatches() {
        // Given: two hours to go, too little for 3 expected hours
        assertThat(fileDoc(GEMINI, Duration.ofHours(2)).tier()).isEqualTo(ServiceTier.STANDARD);

        // When: gemini's batches come back in 20 minutes
        turnarounds.observe(batchItem("gemini", Duration.ofMinutes(20)));

        // Then: 3 × 20 min + 15 min fits
        assertThat(fileDoc(GEMINI, Duration.ofHours(2)).tier()).isEqualTo(ServiceTier.BATCH);
    }

    @Test
    void repairRoundsPushATestJobToSynchronousSooner() {
        // Given: four hours to go; a test is judged (at most 3 min) after each answer
        Instant deadline = NOW.plus(Duration.ofHours(4));
        BatchChoice fewRepairs = new BatchChoice(CONFIG, turnarounds, 2, Duration.ofMinutes(15));
        BatchChoice manyRepairs = new BatchChoice(CONFIG, turnarounds, 4, Duration.ofMinutes(15));

        // Then: a first try and 2 repairs, 3 × 63 min + 15 min, fit; a first try and 4 repairs do not
        assertThat(fewRepairs.decide(TaskType.TESTS, null, GPT, 0, deadline, NOW))
                .satisfies(d -> assertThat(d.tier()).isEqualTo(ServiceTier.BATCH))
                .satisfies(d ->
                        assertThat(d.reason()).contains("3 rounds × 63 min").contains("+ validation"));
        assertThat(manyRepairs
                        .decide(TaskType.TESTS, null, GPT, 0, deadline, NOW)
                        .tier())
                .isEqualTo(ServiceTier.STANDARD);
        // And: the last repair round needs one batch only, so it fits where the first try did not
        assertThat(manyRepairs
                        .decide(TaskType.TESTS, null, GPT, 4, deadline, NOW)
                        .tier())
                .isEqualTo(ServiceTier.BATCH);
    }

    @Test
    void levelsAboveADocumentPushItToSynchronousSooner() {
        // Given: two and a half hours to go
        Instant deadline = NOW.plus(Duration.ofMinutes(150));

        // Then: the architecture (1 round) and a folder (2) fit, a file (3 rounds) does not
        assertThat(choice.decide(TaskType.DOCS, DocLevel.REPOSITORY, GEMINI, 0, deadline, NOW)
                        .tier())
                .isEqualTo(ServiceTier.BATCH);
        assertThat(choice.decide(TaskType.DOCS, DocLevel.FOLDER, GEMINI, 0, deadline, NOW)
                        .tier())
                .isEqualTo(ServiceTier.BATCH);
        assertThat(choice.decide(TaskType.DOCS, DocLevel.FILE, GEMINI, 0, deadline, NOW)
                        .tier())
                .isEqualTo(ServiceTier.STANDARD);
    }

    @Test
    void roundsAheadCountRepairsLeftAndLevelsAbove() {
        assertThat(BatchChoice.roundsAhead(TaskType.TESTS, null, 2, 0)).isEqualTo(3);
        assertThat(BatchChoice.roundsAhead(TaskType.TESTS, null, 2, 1)).isEqualTo(2);
        assertThat(BatchChoice.roundsAhead(TaskType.TESTS, null, 2, 2)).isEqualTo(1);
        assertThat(BatchChoice.roundsAhead(TaskType.DOCS, DocLevel.FILE, 2, 0)).isEqualTo(3);
        assertThat(BatchChoice.roundsAhead(TaskType.DOCS, DocLevel.FOLDER, 2, 0))
                .isEqualTo(2);
        assertThat(BatchChoice.roundsAhead(TaskType.DOCS, DocLevel.REPOSITORY, 2, 0))
                .isEqualTo(1);
    }

    @Test
    void aProviderWithBatchesSwitchedOffIsAlwaysSynchronous() {
        // Given: gemini's batch lane switched off
        Map<String, ProviderConfig> providers = new TreeMap<>(CONFIG.providers());
        providers.put("gemini", providers.get("gemini").withBatch(BatchConfig.OFF));
        NightshiftConfig off = new NightshiftConfig(
                providers,
                CONFIG.routing(),
                CONFIG.jobs(),
                CONFIG.baseline(),
                CONFIG.ingest(),
                CONFIG.sink(),
                CONFIG.validation(),
                CONFIG.docs());
        BatchChoice rule = new BatchChoice(off, new BatchTurnarounds(off), 2, Duration.ofMinutes(15));

        // When: a week to go
        BatchChoice.Decision decision =
                rule.decide(TaskType.DOCS, DocLevel.REPOSITORY, GEMINI, 0, NOW.plus(Duration.ofDays(7)), NOW);

        // Then
        assertThat(decision.tier()).isEqualTo(ServiceTier.STANDARD);
        assertThat(decision.reason()).isEqualTo("synchronous: provider gemini has no batch lane");
        // And: deepseek, whose batches the bundled config leaves off, likewise
        assertThat(fileDoc(DEEPSEEK, Duration.ofDays(7)).tier()).isEqualTo(ServiceTier.STANDARD);
    }

    @Test
    void withoutADeadlineEveryCallIsSynchronousAndTheReasonIsLeftAlone() {
        BatchChoice.Decision decision = choice.decide(TaskType.DOCS, DocLevel.REPOSITORY, GEMINI, 0, null, NOW);

        assertThat(decision.tier()).isEqualTo(ServiceTier.STANDARD);
        assertThat(decision.reason()).isEmpty();
    }

    @Test
    void theTurnaroundIsTheNinetiethPercentileOfTheLatestObservations() {
        // Given: batch items back after 1 … 10 minutes, and a synchronous call that took a day
        for (int m = 1; m <= 10; m++) {
            turnarounds.observe(batchItem("openai", Duration.ofMinutes(m)));
        }
        turnarounds.observe(batchItem("openai", Duration.ofDays(1)).onTier(ServiceTier.STANDARD));

        // Then: the 9th of 10 (nearest rank), synchronous calls ignored
        assertThat(turnarounds.of("openai")).isEqualTo(Duration.ofMinutes(9));

        // When: 50 newer items, all after 30 minutes
        for (int i = 0; i < BatchTurnarounds.WINDOW; i++) {
            turnarounds.observe(batchItem("openai", Duration.ofMinutes(30)));
        }

        // Then: the older figures are forgotten
        assertThat(turnarounds.of("openai")).isEqualTo(Duration.ofMinutes(30));
        // And: a provider not seen yet has its configured expectation
        assertThat(turnarounds.of("anthropic")).isEqualTo(Duration.ofMinutes(60));
    }

    private static AttemptResult batchItem(String provider, Duration took) {
        Instant submitted = NOW.minus(took);
        return new AttemptResult(
                        JobRef.of(Jobs.job("r1", "A.java", TaskType.DOCS, 100)),
                        1,
                        provider,
                        "m",
                        "",
                        Outcome.SUCCEEDED,
                        null,
                        null,
                        Usage.of(100, 0, 0, 50),
                        Money.ZERO,
                        "test",
                        took.toMillis(),
                        submitted,
                        NOW,
                        "stop",
                        "# doc",
                        true)
                .onTier(ServiceTier.BATCH);
    }
}
