package dev.nightshift.validator.service;

import dev.nightshift.core.validation.Validation;
import dev.nightshift.validator.runner.Candidate;

/** Builds and runs one candidate against one repository at one commit: the validator's engine, as the service sees it. */
@FunctionalInterface
public interface Judge {
    Validation judge(String repository, String commit, Candidate candidate);
}
