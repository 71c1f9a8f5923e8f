package dev.nightshift.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.CancelledByBudget;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.JobEvent;
import dev.nightshift.core.event.NotRouted;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.event.ServedFromCache;
import dev.nightshift.core.job.ContentKeys;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final JobRef REF =
            new JobRef("r-1", "j-1", "t", "/repo", "abc", TaskType.DOCS, "a.py", "python", false);
    private static final Job JOB = job(null);

    private static Job job(TestTarget target) {
        return new Job(
                "j-1",
                "r-1",
                "team-a",
                "/repo",
                "abc",
                TaskType.TESTS,
                "src/a.py",
                "python",
                "h",
                "1",
                "def f(): pass\n",
                7,
                4096,
                true,
                target);
    }

    @Test
    void aLaneRequestSurvivesTheRoundTripWithItsSchemaVersion() {
        LaneRequest request = new LaneRequest(JOB, ModelRef.parse("deepseek/deepseek-chat"), "rule tests-cheap", 1);

        byte[] bytes = MessageCodec.LANE_REQUEST.encode(request);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"v\":1,");
        assertThat(MessageCodec.LANE_REQUEST.decode(bytes)).isEqualTo(request);
    }

    @Test
    void aMessageWhoseVersionIsNotItsFirstFieldStillDecodes() {
        LaneRequest request = new LaneRequest(JOB, ModelRef.parse("deepseek/deepseek-chat"), "rule tests-cheap", 1);
        String encoded = new String(MessageCodec.LANE_REQUEST.encode(request), StandardCharsets.UTF_8);
        // As another tool might write it: the version last.
        String versionLast = "{" + encoded.substring("{\"v\":1,".length(), encoded.length() - 1) + ",\"v\":1}";

        assertThat(MessageCodec.LANE_REQUEST.decode(versionLast.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(request);
    }

    @Test
    void anEmptyMessageGetsItsVersionAndNoStrayComma() {
        MessageCodec<Empty> codec = new MessageCodec<>(Empty.class, 1);

        byte[] bytes = codec.encode(new Empty());

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"v\":1}");
        assertThat(codec.decode(bytes)).isEqualTo(new Empty());
    }

    /** A message without fields. */
    record Empty() {}

    @Test
    void usageKeepsNotReportedApartFromZero() {
        AttemptResult result = new AttemptResult(
                REF,
                2,
                "gemini",
                "gemini-1.5-flash",
                "why",
                Outcome.FAILED,
                FailureClass.RATE_LIMITED,
                "429",
                new Usage(0L, null, null, 0L),
                Money.ZERO,
                "p1",
                12,
                Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:01Z"),
                null,
                null,
                false);

        AttemptResult back = (AttemptResult) MessageCodec.JOB_EVENT.decode(MessageCodec.JOB_EVENT.encode(result));

        assertThat(back).isEqualTo(result);
        assertThat(back.usage().uncachedInput()).isZero();
        assertThat(back.usage().cacheReadInput()).isNull();
    }

    @Test
    void everyKindOfJobEventComesBackAsItsOwnTypeNamedOnTheWire() {
        Instant at = Instant.parse("2026-11-30T00:00:00Z");
        ModelRef model = ModelRef.parse("deepseek/deepseek-chat");
        List<JobEvent> events = List.of(
                new ServedFromCache(REF, at, null, null),
                new ServedFromCache(
                        REF,
                        at,
                        new JobRef("r-0", "j-1", "t", "/repo", "abc", TaskType.DOCS, "a.py", "python", false),
                        "# a.py"),
                new CancelledByBudget(REF, at, model, "run budget $0.10 spent"),
                new NotRouted(
                        REF, at, NotRouted.Why.ROUTE_EXHAUSTED, FailureClass.INVALID_OUTPUT, model, "chain ran out"));

        for (JobEvent event : events) {
            byte[] bytes = MessageCodec.JOB_EVENT.encode(event);
            assertThat(MessageCodec.JOB_EVENT.decode(bytes)).isEqualTo(event);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"v\":3,\"event\":");
        }
    }

    @Test
    void aFlatAttemptRecordOfTheFirstSchemaIsRefusedNamingTheWayOut() {
        byte[] old = ("{\"v\":1,\"runId\":\"r-1\",\"jobId\":\"j-1\",\"attempt\":1,\"outcome\":\"SUCCEEDED\","
                        + "\"finishReason\":\"cached\",\"provider\":\"cache\",\"terminal\":true}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MessageCodec.JOB_EVENT.decode(old))
                .isInstanceOf(MessageCodec.CodecException.class)
                .hasMessageContaining("JobEvent message has schema version 1")
                .hasMessageContaining("let the older version drain its topic");
    }

    @Test
    void aJobReferenceCarriesTheJobsContentKeyAndTestTargetOverTheWire() {
        TestTarget target = TestTarget.single(
                "tests/test_a.py", "test_a", TestFramework.PYTEST, "src/a.py", "from src.a import f", List.of());
        Job job = job(target);
        ServedFromCache served = new ServedFromCache(JobRef.of(job), Instant.parse("2026-11-30T00:00:00Z"), null, null);

        ServedFromCache back = (ServedFromCache) MessageCodec.JOB_EVENT.decode(MessageCodec.JOB_EVENT.encode(served));

        assertThat(back.job().contentKey()).isEqualTo(ContentKeys.of(job)).startsWith("ck-");
        assertThat(back.job().testTarget()).isEqualTo(target);
        assertThat(ContentKeys.entry(back.job().contentKey(), back.job().simulated()))
                .as("the key the router serves the cache by")
                .isEqualTo(ContentKeys.entry(job));
    }

    @Test
    void anEventOfTheSecondSchemaWhoseJobReferenceTellsNoContentKeyIsRefused() {
        byte[] old = ("{\"v\":2,\"event\":\"served-from-cache\",\"job\":{\"runId\":\"r-1\",\"jobId\":\"j-1\","
                        + "\"task\":\"docs\",\"unitPath\":\"a.py\",\"simulated\":false},"
                        + "\"at\":\"2026-11-30T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MessageCodec.JOB_EVENT.decode(old))
                .isInstanceOf(MessageCodec.CodecException.class)
                .hasMessageContaining("JobEvent message has schema version 2")
                .hasMessageContaining("reads 3..3")
                .hasMessageContaining("let the older version drain its topic");
    }

    @Test
    void aRunRequestWrittenBeforeTheWorktreeFieldDecodesAsACommitRun() {
        byte[] old = "{\"v\":1,\"runId\":\"r-1\",\"source\":\"/repo\",\"task\":\"docs\",\"simulated\":true}"
                .getBytes(StandardCharsets.UTF_8);

        RunRequest request = MessageCodec.RUN_REQUEST.decode(old);

        assertThat(request.worktree()).isFalse();
        assertThat(request).isEqualTo(new RunRequest("r-1", null, "/repo", null, TaskType.DOCS, true));
    }

    @Test
    void aWorktreeRunRequestSurvivesTheRoundTrip() {
        RunRequest request = new RunRequest("r-2", "team-a", "/repo", null, TaskType.TESTS, false, null, true);

        assertThat(MessageCodec.RUN_REQUEST.decode(MessageCodec.RUN_REQUEST.encode(request)))
                .isEqualTo(request);
    }

    @Test
    void encodingToAStreamWritesTheSameBytesAndLeavesTheStreamOpen() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        MessageCodec.JOB.encode(JOB, out);
        out.write('!');

        assertThat(out.toByteArray()).startsWith(MessageCodec.JOB.encode(JOB)).endsWith('!');
        assertThat(out.size()).isEqualTo(MessageCodec.JOB.encode(JOB).length + 1);
    }

    @Test
    void aMessageFromANewerSchemaIsRefusedWithAClearReason() {
        byte[] newer = "{\"v\":9,\"jobId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MessageCodec.JOB.decode(newer))
                .isInstanceOf(MessageCodec.CodecException.class)
                .hasMessageContaining("schema version 9")
                .hasMessageContaining("upgrade nightshift");
    }

    @Test
    void garbageIsACodecErrorNotACrash() {
        assertThatThrownBy(() -> MessageCodec.JOB.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MessageCodec.CodecException.class);
    }
}
