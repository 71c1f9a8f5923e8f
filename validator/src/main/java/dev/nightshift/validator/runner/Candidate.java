package dev.nightshift.validator.runner;

import dev.nightshift.core.validation.TestTarget;
import java.util.Objects;

/** One generated test to judge: where it goes and its source text as the model wrote it (code only, no fences). */
public record Candidate(TestTarget target, String source) {
    public Candidate {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
    }
}
