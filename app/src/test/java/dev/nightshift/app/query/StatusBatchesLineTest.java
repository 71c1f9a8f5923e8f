package dev.nightshift.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.money.Money;
import dev.nightshift.sinkapi.query.RunStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class StatusBatchesLineTest {
    @Test
    void aRunWaitingInProviderBatchesSaysHowManyRequestsTheMostTheyCostAndWhenTheyAreExpected() {
        Instant expected = Instant.parse("2026-12-08T06:40:00Z");

        String line = StatusCommand.batches(
                new RunStatus.Batches(120, Money.usd("0.84"), Instant.parse("2026-12-07T22:05:00Z"), expected));

        assertThat(line)
                .isEqualTo(
                        "; 120 request(s) waiting in provider batches (at most $0.84 at batch prices), expected back by "
                                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                        .format(expected.atZone(ZoneId.systemDefault())));
    }

    @Test
    void aRunWithNothingInBatchesAddsNothing() {
        assertThat(StatusCommand.batches(null)).isEmpty();
    }
}
