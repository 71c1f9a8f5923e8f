package dev.nightshift.sink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.attempt.FailureClass;
import dev.nightshift.core.attempt.Outcome;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned.SkippedFile;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.aggregate.Aggregate;
import dev.nightshift.sink.ledger.LedgerEntry;
import dev.nightshift.sink.run.JobCounts;
import dev.nightshift.sink.run.JobRecord;
import dev.nightshift.sink.run.RunRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredTest {
    private static final Instant T = Instant.parse("2026-11-30T03:00:00.123456789Z");
    // more digits than a long holds, and a sub-nano-dollar amount: both must come back exactly
    private static final Money HUGE = Money.usd("123456789012345678901234.000000000000000007");

    static LedgerEntry entry() {
        return new LedgerEntry("r-1", "team-ü", "/repos/démo", "c0ffee", TaskType.TESTS, "j-1", "src/Straße.java", 3,
                "deepseek", "deepseek/deepseek-chat", "fallback", new Usage(1200L, null, 0L, 77L), "prices-1",
                Money.usd("0.000000123"), 812, Outcome.FAILED, FailureClass.INVALID_OUTPUT, "a reason, with ✓ unicode",
                "length", T, T.plusMillis(812), T.plusSeconds(1), true, false, true);
    }

    @Test
    void everyFieldOfALedgerEntryJobRunAndAggregateComesBackExactly() {
        JobRecord job = new JobRecord("r-1", "j-1", "src/A.java", JobState.FAILED, true, 4, 3, HUGE,
                "deepseek/deepseek-chat", FailureClass.CONTENT_FILTERED, "refused", "ck-1", true, T, 0b1110L);
        RunRecord run = new RunRecord("r-1", "team-p", "/repos/demo", "c0ffee", TaskType.DOCS, true, true, 12,
                new JobCounts(5, 1, 2, 3), List.of(new SkippedFile("logo.png", "binary"), new SkippedFile("ä.bin", "too large")),
                40, 2, T, T.plusSeconds(1), T.plusSeconds(2), null, Money.usd("2.50"));
        Aggregate aggregate = new Aggregate(10, 3, 2, 1_000_000_000_000L, 0, 5, 77, HUGE);

        for (Object value : List.of(entry(), job, run, aggregate)) {
            byte[] bytes = Stored.write(value);

            assertThat(bytes[0]).as("binary, not JSON").isNotEqualTo((byte) '{');
            assertThat(Stored.read(bytes, value.getClass())).isEqualTo(value);
        }
    }

    @Test
    void valuesWrittenAsJsonByAnEarlierVersionAreStillRead() throws Exception {
        LedgerEntry entry = entry();
        byte[] json = Json.mapper().writeValueAsBytes(entry);

        assertThat(Stored.read(json, LedgerEntry.class)).isEqualTo(entry);
    }

    @Test
    void aValueCutShortIsAStoreErrorNotAWrongValue() {
        byte[] bytes = Stored.write(entry());

        assertThatThrownBy(() -> Stored.read(Arrays.copyOf(bytes, bytes.length / 2), LedgerEntry.class))
                .isInstanceOf(StoreException.class).hasMessageContaining("ledger entry");
    }
}
