package dev.nightshift.validator.service;

import dev.nightshift.core.artifact.ReplyTextExtractor;
import dev.nightshift.core.attempt.ValidationRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.validator.runner.Candidate;
import java.util.Optional;

/** The test file inside a model's reply: the fenced block in the unit's language, as the sink would extract it. */
final class CandidateSource {
    private CandidateSource() {}

    /** Empty when the reply holds no code at all. */
    static Optional<Candidate> of(ValidationRequest request) {
        String reply = request.attempt().artifact();
        if (reply == null || reply.isBlank()) {
            return Optional.empty();
        }
        String code = ReplyTextExtractor.extract(
                        reply, TaskType.TESTS, request.request().job().language())
                .text();
        return code.isBlank()
                ? Optional.empty()
                : Optional.of(new Candidate(request.request().job().testTarget(), code));
    }
}
