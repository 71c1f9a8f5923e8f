package dev.nightshift.sink.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LedgerFormatTest {
    @Test
    void csvQuotesDelimitersDefusesFormulasAndLeavesUnreportedBucketsEmpty() {
        AttemptResult failed =
                Fixtures.billedFailure("r-1", "j-1", 2, "src/a,b.py", new Usage(100L, null, 0L, 7L), true);
        AttemptResult tricky = new AttemptResult(
                new JobRef(
                        failed.runId(),
                        failed.jobId(),
                        failed.tenant(),
                        failed.repository(),
                        failed.commit(),
                        failed.task(),
                        failed.unitPath(),
                        failed.language(),
                        true),
                failed.attempt(),
                failed.provider(),
                failed.model(),
                "=HYPERLINK(\"x\")",
                failed.outcome(),
                failed.failureClass(),
                "said \"no\"\nthen left",
                failed.usage(),
                failed.cost(),
                failed.priceTableVersion(),
                failed.latencyMs(),
                failed.startedAt(),
                failed.finishedAt(),
                failed.finishReason(),
                null,
                true);

        String line = LedgerFormat.CSV.line(LedgerEntry.from(tricky, Instant.EPOCH));

        assertThat(line)
                .contains("\"src/a,b.py\"")
                .contains(",\"'=HYPERLINK(\"\"x\"\")\",")
                .contains("\"said \"\"no\"\"\nthen left\"")
                .contains(",100,,0,7,");
        assertThat(line).contains("," + failed.cost().toPlainString() + ",");
        assertThat(LedgerFormat.CSV.header().split(",")).hasSize(41);
    }

    @Test
    void jsonLinesAreOneObjectPerLineWithTheExactCost() {
        AttemptResult r = Fixtures.success("r-1", "j-1", 1, "a.py", Usage.of(123_456, 0, 0, 789));

        String line = LedgerFormat.JSONL.line(LedgerEntry.from(r, Instant.EPOCH));

        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("\"cost\":\"" + r.cost().toPlainString() + "\"");
    }

    @Test
    void anUnknownFormatNamesTheValidOnes() {
        assertThatThrownBy(() -> LedgerFormat.parse("xlsx")).hasMessageContaining("format=jsonl or format=csv");
    }
}
