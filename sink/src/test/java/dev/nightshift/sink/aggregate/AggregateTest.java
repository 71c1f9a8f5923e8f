package dev.nightshift.sink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AggregateTest {
    @Test
    void millionsOfSubCentEntriesSumExactlyToTheBill() {
        // 7 input tokens at $0.0375/M and 3 output at $0.15/M: 0.0000007125 dollars, below a nano-dollar step
        Price price = Price.of("0.0375", "0.15");
        Usage usage = Usage.of(7, 0, 0, 3);
        LedgerEntry entry = LedgerEntry.from(
                new dev.nightshift.core.event.AttemptResult(
                        new JobRef(
                                "r",
                                "j",
                                "t",
                                "repo",
                                "c",
                                dev.nightshift.core.job.TaskType.DOCS,
                                "a.py",
                                "python",
                                false),
                        1,
                        "p",
                        "m",
                        "",
                        dev.nightshift.core.event.Outcome.SUCCEEDED,
                        null,
                        null,
                        usage,
                        price.cost(usage),
                        "v1",
                        1,
                        Fixtures.T0,
                        Fixtures.T0,
                        "stop",
                        null,
                        true),
                Instant.EPOCH);
        int n = 2_000_000;

        Aggregate sum = Aggregate.EMPTY;
        for (int i = 0; i < n; i++) {
            sum = sum.plus(Aggregate.of(entry));
        }

        assertThat(entry.cost()).isEqualTo(Money.usd("0.0000007125"));
        assertThat(sum.cost()).isEqualTo(Money.usd(new BigDecimal("0.0000007125").multiply(BigDecimal.valueOf(n))));
        assertThat(sum.cost().toPlainString()).isEqualTo("1.425");
        assertThat(sum.uncachedInput()).isEqualTo(7L * n);
        assertThat(sum.attempts()).isEqualTo(n);
    }
}
