package dev.nightshift.sinkapi.artifact;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import java.time.Instant;

/**
 * What the sink knows about one job's artifact — or, when {@code rejected}, about one test candidate the
 * validator rejected; the text itself is stored beside it.
 *
 * @param path        where the artifact goes relative to an output folder: a test job's {@code TestTarget.path()}
 *                    once its {@code Job} record was seen, otherwise {@code ArtifactPaths.forUnit}
 * @param cost        what the job cost in this run, every attempt included (0 when served from cache); for a
 *                    rejected candidate, what its attempt cost
 * @param extraction  how the text was taken from the reply (e.g. {@code fenced:java}, {@code whole-reply})
 * @param fromCache   true when an earlier run's artifact was reused
 * @param mergeInto   the file the parts of a split unit end in ({@code TestTarget.mergeInto()}); {@code null}
 *                    when the job has no test target
 * @param part        1-based part of a split unit (1 when not split, 0 when unknown)
 * @param parts       how many jobs the unit was split into (1 when not split, 0 when unknown)
 * @param verdict     the validator's verdict on this test; {@code null} for documentation and unvalidated tests
 * @param diagnostics why the validator rejected it (compiler errors, assertion messages); empty when it passed
 * @param rejected    true for a candidate the validator rejected (kept for {@code export --all}), false for the
 *                    job's delivered artifact
 */
public record ArtifactRecord(
        String runId,
        String jobId,
        String unitPath,
        String path,
        TaskType task,
        String language,
        String model,
        int attempt,
        Money cost,
        boolean simulated,
        String extraction,
        long bytes,
        String contentKey,
        boolean fromCache,
        Instant createdAt,
        String mergeInto,
        int part,
        int parts,
        Verdict verdict,
        String diagnostics,
        boolean rejected) {

    /** An artifact without a test target or verdict (documentation, or stored before tests were validated). */
    public ArtifactRecord(
            String runId,
            String jobId,
            String unitPath,
            String path,
            TaskType task,
            String language,
            String model,
            int attempt,
            Money cost,
            boolean simulated,
            String extraction,
            long bytes,
            String contentKey,
            boolean fromCache,
            Instant createdAt) {
        this(
                runId,
                jobId,
                unitPath,
                path,
                task,
                language,
                model,
                attempt,
                cost,
                simulated,
                extraction,
                bytes,
                contentKey,
                fromCache,
                createdAt,
                null,
                0,
                0,
                null,
                null,
                false);
    }

    /** The same artifact placed where its test target says (path, merge file and part). */
    public ArtifactRecord placedAt(TestTarget target) {
        return new ArtifactRecord(
                runId,
                jobId,
                unitPath,
                target.path(),
                task,
                language,
                model,
                attempt,
                cost,
                simulated,
                extraction,
                bytes,
                contentKey,
                fromCache,
                createdAt,
                target.mergeInto(),
                target.part(),
                target.parts(),
                verdict,
                diagnostics,
                rejected);
    }

    /** Whether it is placed as {@code target} says. */
    public boolean placedAs(TestTarget target) {
        return target.path().equals(path)
                && target.mergeInto().equals(mergeInto)
                && target.part() == part
                && target.parts() == parts;
    }
}
