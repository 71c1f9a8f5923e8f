package dev.nightshift.validator.service;

import dev.nightshift.core.attempt.ValidationRequest;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.runner.Candidate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges one answered test job: extracts the candidate, asks the engine (once more after an infrastructure
 * verdict, which may be a passing hiccup), and decides what the attempt becomes. Never throws: an engine that
 * fails is an infrastructure verdict.
 */
public final class ValidationWork {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationWork.class);

    private final Judge judge;
    private final boolean keepNoGain;

    public ValidationWork(Judge judge, boolean keepNoGain) {
        this.judge = judge;
        this.keepNoGain = keepNoGain;
    }

    public Judgement judge(ValidationRequest request) {
        long t0 = System.nanoTime();
        AttemptResult answered = request.attempt();
        Job job = request.request().job();
        Optional<Candidate> candidate = CandidateSource.of(request);
        Validation validation = candidate.isEmpty()
                ? Validation.of(
                        Verdict.BUILD_FAILED,
                        "the reply holds no test code (expected one fenced code block with the file "
                                + job.testTarget().path() + ")",
                        elapsedMs(t0))
                : judgeTwiceOnInfrastructure(job, candidate.get());
        LOG.atInfo()
                .addKeyValue("runId", job.runId())
                .addKeyValue("jobId", job.jobId())
                .addKeyValue("attempt", answered.attempt())
                .addKeyValue("model", answered.provider() + "/" + answered.model())
                .addKeyValue("verdict", validation.verdict().id())
                .addKeyValue("ms", elapsedMs(t0))
                .log("test judged");
        return Judgement.of(request.request(), answered, validation, keepNoGain);
    }

    private Validation judgeTwiceOnInfrastructure(Job job, Candidate candidate) {
        Validation first = judgeSafely(job, candidate);
        return first.verdict() == Verdict.INFRASTRUCTURE ? judgeSafely(job, candidate) : first;
    }

    private Validation judgeSafely(Job job, Candidate candidate) {
        long t0 = System.nanoTime();
        try {
            return judge.judge(job.repository(), job.commit(), candidate);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("jobId", job.jobId()).log("validator engine failed: {}", e.toString());
            return Validation.of(Verdict.INFRASTRUCTURE, "the validator failed: " + e.getMessage(), elapsedMs(t0));
        }
    }

    private static long elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
