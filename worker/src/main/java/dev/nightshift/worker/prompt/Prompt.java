package dev.nightshift.worker.prompt;

import java.util.Objects;

/**
 * A prompt in two parts. The system instruction depends only on the task, so it is a byte-identical prefix
 * for every job of that task and the providers' prompt caches can hit it; the user part carries the unit.
 */
public record Prompt(String system, String user) {
    public Prompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() {
        // Prompts hold source text, which must never reach a log line by accident.
        return "Prompt[" + system.length() + "+" + user.length() + " chars]";
    }
}
