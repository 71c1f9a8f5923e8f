package dev.nightshift.bench.ledger;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.usage.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Billed attempts as they arrive in production, generated in order and on demand so a million of them
 * never sit in memory: 100 runs one after another (3 tenants, 10 repositories) spread over 30 days,
 * 6 models, both tasks, one attempt in ten a billed failure; every (run, job, attempt) distinct and none
 * carrying an artifact (the ledger is what is measured). Two generators with the same {@code total}
 * yield the same sequence.
 */
final class SyntheticAttempts {
    static final String[] MODELS = {
        "gemini-1.5-flash", "deepseek-chat", "claude-3-5-haiku", "gpt-4o-mini", "qwen-2.5-coder", "mistral-tiny"
    };
    static final int RUNS = 100;
    private static final Price PRICE = Price.of("0.35", "1.50");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final long SPREAD_SECONDS = 30L * 86_400;

    private final int total;
    private final Random random = new Random(7);
    private int next;

    SyntheticAttempts(int total) {
        this.total = total;
    }

    boolean hasNext() {
        return next < total;
    }

    /** The next {@code max} attempts (fewer at the end). */
    List<AttemptResult> nextBatch(int max) {
        List<AttemptResult> out = new ArrayList<>(max);
        while (out.size() < max && hasNext()) {
            out.add(attempt(next++));
        }
        return out;
    }

    static String runId(int runNo) {
        return "r-bench-" + runNo;
    }

    private AttemptResult attempt(int i) {
        int runNo = (int) ((long) i * RUNS / total);
        String model = MODELS[random.nextInt(MODELS.length)];
        Usage usage = Usage.of(500 + random.nextInt(20_000), random.nextInt(2_000), 0, 100 + random.nextInt(4_000));
        Instant at = T0.plusSeconds(i * SPREAD_SECONDS / total);
        boolean ok = random.nextInt(10) > 0;
        JobRef job = new JobRef(
                runId(runNo),
                "j-" + i,
                "tenant-" + (runNo % 3),
                "/repos/r" + (runNo % 10),
                "c0ffee",
                i % 2 == 0 ? TaskType.DOCS : TaskType.TESTS,
                "src/f" + i + ".py",
                "python",
                true);
        return new AttemptResult(
                job,
                1 + random.nextInt(2),
                "p" + (i % 6),
                model,
                "rule",
                ok ? Outcome.SUCCEEDED : Outcome.FAILED,
                ok ? null : FailureClass.INVALID_OUTPUT,
                ok ? null : "no code block",
                usage,
                PRICE.cost(usage),
                "prices-1",
                900,
                at,
                at.plusMillis(900),
                "stop",
                null,
                false);
    }
}
