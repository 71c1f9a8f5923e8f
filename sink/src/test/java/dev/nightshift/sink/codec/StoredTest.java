package dev.nightshift.sink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.codec.Json;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.run.RunPlanned.SkippedFile;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sink.run.JobCounts;
import dev.nightshift.sink.run.RunRecord;
import dev.nightshift.sink.run.TestTotals;
import dev.nightshift.sink.store.StoreException;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.aggregate.TestCounts;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.sinkapi.run.JobRecord;
import dev.nightshift.sinkapi.run.RunState;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredTest {
    private static final Instant T = Instant.parse("2026-11-30T03:00:00.123456789Z");
    // more digits than a long holds, and a sub-nano-dollar amount: both must come back exactly
    private static final Money HUGE = Money.usd("123456789012345678901234.000000000000000007");
    /*
     * The values of everyFieldOfALedgerEntryJobRunAndAggregateComesBackExactly as the sink's codecs wrote them
     * before tests were validated (formats 1, 2, 4 and 3), kept byte for byte: a store written then must still read.
     */
    private static final String LEDGER_V1 =
            "0106722d310e7465616d2dc3bc182f7265706f732f64c3a96d6f0c6330666665650a5445535453066a2d31207372632f"
                    + "53747261c39f652e6a6176610610646565707365656b2c646565707365656b2f646565707365656b2d63686174106661"
                    + "6c6c6261636b0101e012000100019a01107072696365732d31011201f601d80c0c4641494c45441c494e56414c49445f"
                    + "4f5554505554346120726561736f6e2c207769746820e29c9320756e69636f64650c6c656e67746801e09ae7b00daab4"
                    + "de7501e09ae7b00daac08ffc0601e29ae7b00daab4de75010001";
    private static final String JOB_V1 =
            "0206722d31066a2d31147372632f412e6a6176610c4641494c454401080601240024016ace90adff55eb342371b3c9d9"
                    + "988800072c646565707365656b2f646565707365656b2d6368617420434f4e54454e545f46494c54455245440e726566"
                    + "7573656408636b2d310101e09ae7b00daab4de751c";
    private static final String RUN_V1 =
            "0406722d310c7465616d2d70162f7265706f732f64656d6f0c63306666656508444f43530101180a02040604106c6f67"
                    + "6f2e706e670c62696e6172790cc3a42e62696e12746f6f206c61726765500401e09ae7b00daab4de7501e29ae7b00daa"
                    + "b4de7501e49ae7b00daab4de750001020132";
    /* A run with test totals as the run codec wrote it before runs could be stopped (format 8), kept byte for byte. */
    private static final String RUN_V2 =
            "0806722d310c7465616d2d70162f7265706f732f64656d6f0c63306666656508444f43530101180a02040604106c6f67"
                    + "6f2e706e670c62696e6172790cc3a42e62696e12746f6f206c61726765500401e09ae7b00daab4de7501e29ae7b00daa"
                    + "b4de7501e49ae7b00daab4de7500010201320804c0028c01d2013c0e1c";
    private static final String AGGREGATE_V1 =
            "0314060480c0a8ca9a3a000a9a0101240024016ace90adff55eb342371b3c9d998880007";

    static LedgerEntry entry() {
        return new LedgerEntry(
                "r-1",
                "team-ü",
                "/repos/démo",
                "c0ffee",
                TaskType.TESTS,
                "j-1",
                "src/Straße.java",
                3,
                "deepseek",
                "deepseek/deepseek-chat",
                "fallback",
                new Usage(1200L, null, 0L, 77L),
                "prices-1",
                Money.usd("0.000000123"),
                812,
                Outcome.FAILED,
                FailureClass.INVALID_OUTPUT,
                "a reason, with ✓ unicode",
                "length",
                T,
                T.plusMillis(812),
                T.plusSeconds(1),
                true,
                false,
                true);
    }

    static JobRecord legacyJob() {
        return new JobRecord(
                "r-1",
                "j-1",
                "src/A.java",
                JobState.FAILED,
                true,
                4,
                3,
                HUGE,
                "deepseek/deepseek-chat",
                FailureClass.CONTENT_FILTERED,
                "refused",
                "ck-1",
                true,
                T,
                0b1110L);
    }

    static RunRecord legacyRun() {
        return new RunRecord(
                "r-1",
                "team-p",
                "/repos/demo",
                "c0ffee",
                TaskType.DOCS,
                true,
                true,
                12,
                new JobCounts(5, 1, 2, 3),
                List.of(new SkippedFile("logo.png", "binary"), new SkippedFile("ä.bin", "too large")),
                40,
                2,
                T,
                T.plusSeconds(1),
                T.plusSeconds(2),
                null,
                Money.usd("2.50"));
    }

    static Aggregate legacyAggregate() {
        return new Aggregate(10, 3, 2, 1_000_000_000_000L, 0, 5, 77, HUGE);
    }

    @Test
    void everyFieldOfALedgerEntryJobRunAndAggregateComesBackExactly() {
        for (Object value : List.of(entry(), legacyJob(), legacyRun(), legacyAggregate())) {
            byte[] bytes = Stored.write(value);

            assertThat(bytes[0]).as("binary, not JSON").isNotEqualTo((byte) '{');
            assertThat(Stored.read(bytes, value.getClass())).isEqualTo(value);
        }
    }

    @Test
    void everyValidationFieldComesBackExactlyInTheCurrentFormats() {
        LedgerEntry e = entry();
        LedgerEntry validated = new LedgerEntry(
                e.runId(),
                e.tenant(),
                e.repository(),
                e.commit(),
                e.task(),
                e.jobId(),
                e.unitPath(),
                e.attempt(),
                e.provider(),
                e.model(),
                e.routingReason(),
                e.usage(),
                e.priceTableVersion(),
                e.cost(),
                e.latencyMs(),
                e.outcome(),
                FailureClass.TEST_REJECTED,
                "flaky: counts passed 2 of 3",
                e.finishReason(),
                e.startedAt(),
                e.finishedAt(),
                e.recordedAt(),
                e.simulated(),
                e.terminal(),
                e.billed(),
                "java",
                Verdict.FLAKY,
                0,
                12);
        JobRecord j = legacyJob();
        JobRecord job = new JobRecord(
                j.runId(),
                j.jobId(),
                j.unitPath(),
                j.state(),
                j.inPlan(),
                j.attempts(),
                j.lastAttempt(),
                j.cost(),
                j.model(),
                j.failureClass(),
                j.reason(),
                j.contentKey(),
                j.fromCache(),
                j.updatedAt(),
                j.attemptsSeen(),
                new TestTarget(
                        "src/test/java/a/BPart2Test.java",
                        "BPart2Test",
                        TestFramework.JUNIT5,
                        "src/main/java/a/B.java",
                        "import a.B;",
                        List.of("assertj", "mockito"),
                        "src/test/java/a/BTest.java",
                        2,
                        3),
                2,
                "deepseek/deepseek-chat",
                3,
                Verdict.NO_GAIN);
        JobRecord noTarget = new JobRecord(
                j.runId(),
                j.jobId(),
                j.unitPath(),
                j.state(),
                j.inPlan(),
                j.attempts(),
                j.lastAttempt(),
                j.cost(),
                j.model(),
                j.failureClass(),
                j.reason(),
                j.contentKey(),
                j.fromCache(),
                j.updatedAt(),
                j.attemptsSeen(),
                null,
                1,
                "qwen/qwen2.5-coder",
                0,
                null);
        RunRecord run = legacyRun().withTests(new TestTotals(4, 2, 160, 70, 105, 30, 7, 14));
        Aggregate aggregate = new Aggregate(
                10, 3, 2, 1_000_000_000_000L, 0, 5, 77, HUGE, new TestCounts(1, 2, 3, 4, 5, 6, 7, 8, HUGE));

        for (Object value : List.of(validated, job, noTarget, run, aggregate)) {
            byte[] bytes = Stored.write(value);

            assertThat(Stored.read(bytes, value.getClass())).isEqualTo(value);
        }
        assertThat(List.of(
                        Stored.write(validated)[0],
                        Stored.write(job)[0],
                        Stored.write(aggregate)[0],
                        Stored.write(run)[0]))
                .as("each written in its codec's current format")
                .containsExactly((byte) 7, (byte) 6, (byte) 7, (byte) 9);
    }

    @Test
    void aDocumentReviewComesBackExactlyWithItsLedgerEntry() {
        LedgerEntry plain = entry();
        DocsReview review = new DocsReview(
                DocLevel.FOLDER,
                7,
                List.of("Cart.total()"),
                List.of("frobnicate()", "PriceTable"),
                List.of("unclosed code fence opened at line 12"),
                true,
                2,
                4_321);
        LedgerEntry reviewed = new LedgerEntry(
                plain.runId(),
                plain.tenant(),
                plain.repository(),
                plain.commit(),
                plain.task(),
                plain.jobId(),
                plain.unitPath(),
                plain.attempt(),
                plain.provider(),
                plain.model(),
                plain.routingReason(),
                plain.usage(),
                plain.priceTableVersion(),
                plain.cost(),
                plain.latencyMs(),
                plain.outcome(),
                plain.failureClass(),
                plain.failureReason(),
                plain.finishReason(),
                plain.startedAt(),
                plain.finishedAt(),
                plain.recordedAt(),
                plain.simulated(),
                plain.terminal(),
                plain.billed(),
                "python",
                null,
                null,
                null,
                review);

        assertThat(Stored.read(Stored.write(reviewed), LedgerEntry.class)).isEqualTo(reviewed);
        assertThat(Stored.read(Stored.write(plain), LedgerEntry.class).docs()).isNull();
    }

    @Test
    void aBatchAttemptsTierComesBackWithItsLedgerEntryAndAnEntryWithoutOneIsStandard() {
        LedgerEntry batch = entry().onTier(dev.nightshift.core.provider.ServiceTier.BATCH);

        assertThat(Stored.read(Stored.write(batch), LedgerEntry.class)).isEqualTo(batch);
        assertThat(Stored.read(Stored.write(entry()), LedgerEntry.class).serviceTier())
                .isEqualTo(dev.nightshift.core.provider.ServiceTier.STANDARD);
    }

    @Test
    void valuesTheEarlierBinaryFormatsWroteStillReadWithoutVerdictsOrTestFigures() {
        LedgerEntry entry = Stored.read(HexFormat.of().parseHex(LEDGER_V1), LedgerEntry.class);
        JobRecord job = Stored.read(HexFormat.of().parseHex(JOB_V1), JobRecord.class);
        RunRecord run = Stored.read(HexFormat.of().parseHex(RUN_V1), RunRecord.class);
        Aggregate aggregate = Stored.read(HexFormat.of().parseHex(AGGREGATE_V1), Aggregate.class);

        assertThat(entry).isEqualTo(entry());
        assertThat(entry.verdict()).isNull();
        assertThat(entry.linesGained()).isNull();
        assertThat(entry.language()).isEmpty();
        assertThat(job).isEqualTo(legacyJob());
        assertThat(job.verdict()).isNull();
        assertThat(job.testTarget()).isNull();
        assertThat(run).isEqualTo(legacyRun());
        assertThat(run.tests()).isEqualTo(TestTotals.NONE);
        assertThat(aggregate).isEqualTo(legacyAggregate());
        assertThat(aggregate.tests()).isEqualTo(TestCounts.NONE);
        // and once read, a legacy value is written again in the current format, without loss
        assertThat(Stored.read(Stored.write(job), JobRecord.class)).isEqualTo(job);
        assertThat(Stored.read(Stored.write(aggregate), Aggregate.class)).isEqualTo(aggregate);
    }

    @Test
    void aRunsControlComesBackExactlyWithItsRecord() {
        RunRecord run = legacyRun().withTests(new TestTotals(4, 2, 160, 70, 105, 30, 7, 14));
        for (RunControl control : List.of(
                RunControl.interrupted("r-1", 0, T, "Ctrl-C"),
                RunControl.resumed("r-1", 3, T.plusSeconds(9)),
                RunControl.cancelled("r-1", 200, T.plusSeconds(10), "nightshift cancel — ✓ unicode"),
                new RunControl("r-1", RunControl.Action.INTERRUPTED, 1, null, null))) {
            RunRecord stopped = run.withControl(control);

            RunRecord back = Stored.read(Stored.write(stopped), RunRecord.class);

            assertThat(back).isEqualTo(stopped);
            assertThat(back.control()).isEqualTo(control);
            assertThat(back.generation()).isEqualTo(control.generation());
        }
        assertThat(Stored.read(Stored.write(run), RunRecord.class).control())
                .as("nobody stopped it")
                .isNull();
    }

    @Test
    void aRunWrittenBeforeRunsCouldBeStoppedStillReadsWithNoControl() {
        RunRecord expected = legacyRun().withTests(new TestTotals(4, 2, 160, 70, 105, 30, 7, 14));

        RunRecord run = Stored.read(HexFormat.of().parseHex(RUN_V2), RunRecord.class);

        assertThat(run).isEqualTo(expected);
        assertThat(run.control()).isNull();
        assertThat(run.generation()).isZero();
        assertThat(run.state()).isEqualTo(RunState.RUNNING);
        byte[] again = Stored.write(run);
        assertThat(again[0]).as("written again in the current format").isEqualTo((byte) 9);
        assertThat(Stored.read(again, RunRecord.class)).isEqualTo(run);
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
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("ledger entry");
    }
}
