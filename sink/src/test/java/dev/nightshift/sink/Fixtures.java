package dev.nightshift.sink;

import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.usage.Usage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Records as ingest and the workers publish them, for the sink's tests. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");
    public static final Price FLASH = Price.of("0.35", "1.50");

    private Fixtures() {}

    public static String newRunId() {
        return "r-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RunPlanned plan(String runId, String tenant, List<String> jobIds) {
        return new RunPlanned(
                runId,
                tenant,
                "/repos/demo",
                "c0ffee",
                TaskType.DOCS,
                jobIds,
                1000,
                List.of(new RunPlanned.SkippedFile("logo.png", "binary")),
                true,
                T0);
    }

    /** A file's documentation job; the same id in every run. */
    public static Job fileDocsJob(String runId, String path) {
        return new Job(
                JobIds.jobId("/repos/demo", "c0ffee", TaskType.DOCS, path, "h-" + path, "1"),
                runId,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.DOCS,
                path,
                "python",
                "h-" + path,
                "1",
                "def f(): pass\n",
                10,
                1024,
                true,
                null,
                DocsTarget.file(path + ".md", List.of()));
    }

    /** The folder {@code pkg}'s documentation job as ingest plans it: awaiting its children's documents. */
    public static Job folderDocsJob(String runId, List<Job> children) {
        List<DocChild> kids = children.stream()
                .map(c -> new DocChild(c.jobId(), c.unitPath(), DocLevel.FILE))
                .toList();
        String planned = "Test files here (not documented one by one): test_a.py\n";
        return new Job(
                "j-folder",
                runId,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.DOCS,
                "pkg/README",
                "text",
                JobIds.contentHash(planned),
                "1",
                planned,
                300,
                4096,
                true,
                null,
                DocsTarget.composite(DocLevel.FOLDER, "pkg/README.md", kids));
    }

    public static AttemptResult success(String runId, String jobId, int attempt, String unitPath, Usage usage) {
        return success(
                new JobRef(runId, jobId, "default", "/repos/demo", "c0ffee", TaskType.DOCS, unitPath, "java", true),
                attempt,
                usage);
    }

    /** A provider's answer to the job, referring to it as a worker does: with its content key and test target. */
    public static AttemptResult success(Job job, int attempt, Usage usage) {
        return success(JobRef.of(job), attempt, usage);
    }

    private static AttemptResult success(JobRef job, int attempt, Usage usage) {
        String unitPath = job.unitPath();
        return new AttemptResult(
                job,
                attempt,
                "gemini",
                "gemini-1.5-flash",
                "docs rule",
                Outcome.SUCCEEDED,
                null,
                null,
                usage,
                FLASH.cost(usage),
                "prices-1",
                1200,
                T0,
                T0.plusMillis(1200),
                "stop",
                "Here is the documentation:\n\n# " + unitPath + "\n\nIt does things.\n",
                true);
    }

    public static AttemptResult billedFailure(
            String runId, String jobId, int attempt, String unitPath, Usage usage, boolean terminal) {
        return new AttemptResult(
                new JobRef(runId, jobId, "default", "/repos/demo", "c0ffee", TaskType.DOCS, unitPath, "java", true),
                attempt,
                "deepseek",
                "deepseek-chat",
                "fallback",
                Outcome.FAILED,
                FailureClass.INVALID_OUTPUT,
                "reply had no document",
                usage,
                Price.of("0.14", "0.42").cost(usage),
                "prices-1",
                800,
                T0,
                T0.plusMillis(800),
                "stop",
                null,
                terminal);
    }

    public static AttemptResult forTenant(
            AttemptResult r, String tenant, String model, Instant finishedAt, Money cost) {
        return new AttemptResult(
                new JobRef(
                        r.runId(),
                        r.jobId(),
                        tenant,
                        r.repository(),
                        r.commit(),
                        r.task(),
                        r.unitPath(),
                        r.language(),
                        r.simulated()),
                r.attempt(),
                r.provider(),
                model,
                r.routingReason(),
                r.outcome(),
                r.failureClass(),
                r.failureReason(),
                r.usage(),
                cost,
                r.priceTableVersion(),
                r.latencyMs(),
                r.startedAt(),
                finishedAt,
                r.finishReason(),
                r.artifact(),
                r.terminal());
    }
}
