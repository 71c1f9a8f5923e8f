package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.money.Money;
import dev.nightshift.simulator.billing.BillEntry;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in which the provider bills attempts the worker cannot use: DeepSeek answers two calls with an empty
 * reply cut at the output limit (all of its budget spent thinking), billed like any other. Those jobs escalate
 * to OpenAI and succeed. The ledger must hold the billed failures, and its total must equal the providers'
 * bill to the last digit.
 */
class BilledFailedAttemptsIT {
    private static final int BILLED_FAILURES = 2;
    private static final String ROUTING = """
            router:
              includeCoreRules: false
              rules:
                - {name: deepseek-then-openai, task: docs, models: [deepseek/deepseek-chat, openai/gpt-4o-mini]}
            """;

    @TempDir
    static Path dir;

    static SimulatedRun run;

    @BeforeAll
    static void runOnce() throws Exception {
        run = SimulatedRun.start(
                dir,
                s -> s.withProvider(
                        "deepseek", p -> p.withFault(FaultRule.times(Fault.EMPTY_AT_LENGTH, BILLED_FAILURES))
                                .withFault(FaultRule.times(Fault.CONTENT_FILTERED, 1))),
                ROUTING,
                "r-billed-failures",
                "team-b");
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void billedFailedAttemptsAreInTheLedgerAndItsTotalEqualsTheProvidersBill() throws Exception {
        List<JsonNode> ledger = run.ledger();
        List<BillEntry> bill = run.simulator.bill();

        // Every job but the filtered one succeeded in the end, two of them after a billed failure on DeepSeek
        assertThat(run.status.path("jobs").path("succeeded").asInt())
                .isEqualTo(run.plan.jobIds().size() - 1);
        List<JsonNode> failed = ledger.stream()
                .filter(e -> "FAILED".equalsIgnoreCase(e.path("outcome").asText()))
                .filter(e -> e.path("failureClass").asText().equalsIgnoreCase("INVALID_OUTPUT"))
                .toList();
        assertThat(failed).hasSize(BILLED_FAILURES).allSatisfy(e -> {
            assertThat(e.path("provider").asText()).isEqualTo("deepseek");
            assertThat(e.path("failureClass").asText()).isEqualToIgnoringCase("INVALID_OUTPUT");
            assertThat(e.path("finishReason").asText()).isEqualTo("length");
            assertThat(e.path("billed").asBoolean()).isTrue();
            assertThat(Money.usd(e.path("cost").asText())).isGreaterThan(Money.ZERO);
            assertThat(e.path("usage").path("output").asLong()).isPositive();
        });
        for (JsonNode f : failed) {
            assertThat(ledger)
                    .as("the job of a billed failure succeeded later on OpenAI")
                    .anySatisfy(e -> {
                        assertThat(e.path("jobId").asText())
                                .isEqualTo(f.path("jobId").asText());
                        assertThat(e.path("outcome").asText()).isEqualToIgnoringCase("SUCCEEDED");
                        assertThat(e.path("provider").asText()).isEqualTo("openai");
                    });
        }

        // A reply the content filter emptied is not retried, and is billed for its prompt
        assertThat(ledger)
                .filteredOn(e -> e.path("failureClass").asText().equalsIgnoreCase("CONTENT_FILTERED"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.path("provider").asText()).isEqualTo("deepseek");
                    assertThat(e.path("usage").path("uncachedInput").asLong()).isPositive();
                    assertThat(Money.usd(e.path("cost").asText())).isGreaterThan(Money.ZERO);
                });
        assertThat(run.status.path("jobs").path("failed").asInt()).isEqualTo(1);

        // One ledger entry per billed call, and the same total to the last digit, per provider and in all
        assertThat(ledger).hasSameSizeAs(bill);
        for (String provider : List.of("deepseek", "openai")) {
            assertThat(ledger.stream()
                            .filter(e -> e.path("provider").asText().equals(provider))
                            .map(e -> Money.usd(e.path("cost").asText()))
                            .reduce(Money.ZERO, Money::plus))
                    .as("ledger total of %s", provider)
                    .isEqualTo(bill.stream()
                            .filter(b -> b.provider().equals(provider))
                            .map(BillEntry::cost)
                            .reduce(Money.ZERO, Money::plus));
        }
        Money ledgerTotal =
                ledger.stream().map(e -> Money.usd(e.path("cost").asText())).reduce(Money.ZERO, Money::plus);
        assertThat(ledgerTotal).isEqualTo(run.simulator.billTotal());
        assertThat(Money.usd(run.status.path("cost").path("usd").asText())).isEqualTo(run.simulator.billTotal());
    }
}
