package dev.nightshift.worker.prompt;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;

/**
 * Builds the prompt of a job, deterministically: the same job gives the same bytes, with no timestamps,
 * ids or unordered collections, so repeated runs and shared prefixes hit the providers' prompt caches
 * (reference/providers.md §7.11). System instructions stay under 200 tokens. The protocol decides only
 * where each part goes on the wire (system message, {@code system} block, {@code systemInstruction}).
 */
public final class PromptBuilder {
    static final String DOCS_SYSTEM = """
            You are a senior software engineer writing reference documentation for one source file of a \
            repository. Write GitHub-flavoured Markdown: a title, a one-paragraph summary of the file's purpose, \
            then every public type and function with its purpose, parameters, return value, errors and a short \
            usage example. Describe only what the code shows; never invent behaviour. Reply with the Markdown \
            document only.""";
    static final String TESTS_SYSTEM = """
            You are a senior software engineer writing unit tests for one source file of a repository. Write one \
            complete test file in the file's language, using that ecosystem's standard test framework. Cover \
            normal cases, edge cases and error paths of the public behaviour; give each test a name that states \
            the expected behaviour. Do not change the code under test. Reply with the test file only, in a \
            single fenced code block.""";

    public Prompt build(Job job) {
        return new Prompt(system(job.task()), user(job));
    }

    static String system(TaskType task) {
        return switch (task) {
            case DOCS -> DOCS_SYSTEM;
            case TESTS -> TESTS_SYSTEM;
        };
    }

    static String user(Job job) {
        String language = job.language() == null || job.language().isBlank() ? "text" : job.language();
        String fence = fenceFor(job.content());
        String ask = job.task() == TaskType.DOCS ? "Document this file." : "Write unit tests for this file.";
        return ask + "\n"
                + "Path: " + job.unitPath() + "\n"
                + "Language: " + language + "\n\n"
                + fence + language + "\n"
                + job.content() + (job.content().endsWith("\n") ? "" : "\n")
                + fence + "\n";
    }

    /** A fence longer than any backtick run in the code, so the code cannot close it early. */
    static String fenceFor(String content) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < content.length(); i++) {
            run = content.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
