package dev.nightshift.validator.service;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;

/**
 * What becomes of a judged attempt. A passing test ends its job with the kept test as the artifact. A test the
 * model may do better (it did not build, failed, was flaky, timed out, or broke the sandbox) is recorded as a
 * rejected attempt and handed to the router, which repairs or escalates. A test that adds no coverage ends the
 * job unless configured to be kept: another model would only cover the same lines again. An infrastructure
 * verdict is ours, not the model's: it ends the job with the reason, never counted against the model.
 *
 * @param request the lane request the attempt answered (the router plans a retry from it)
 * @param attempt the attempt as the ledger records it
 * @param retry   whether the router gets it on {@code nightshift.retry}
 */
public record Judgement(LaneRequest request, AttemptResult attempt, boolean retry) {
    public static Judgement of(LaneRequest request, AttemptResult answered, Validation validation, boolean keepNoGain) {
        Verdict verdict = validation.verdict();
        return switch (verdict) {
            case PASSED -> new Judgement(request, answered.judged(validation, true, true), false);
            case NO_GAIN -> new Judgement(request, answered.judged(validation, keepNoGain, true), false);
            case INFRASTRUCTURE -> new Judgement(request, answered.judged(validation, false, true), false);
            case BUILD_FAILED, FAILED, FLAKY, TIMEOUT, SANDBOX_VIOLATION ->
                new Judgement(request, answered.judged(validation, false, false), true);
        };
    }
}
