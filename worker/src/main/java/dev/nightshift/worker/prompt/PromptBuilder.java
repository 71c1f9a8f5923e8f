package dev.nightshift.worker.prompt;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.validation.Repair;
import dev.nightshift.core.validation.TestTarget;

/**
 * Builds the prompt of a job, deterministically: the same job gives the same bytes, with no timestamps,
 * ids or unordered collections, so repeated runs and shared prefixes hit the providers' prompt caches
 * (the providers cache a prompt's longest byte-identical prefix). System instructions stay under 200 tokens. The protocol decides only
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
            complete test file at the test file path, declaring exactly the test name given, for the framework \
            given, importing the code under test as stated and no library that is not listed. The test is compiled \
            and run: assert only behaviour the code shows, cover normal cases, edge cases and error paths, give \
            each test a name that states the expected behaviour, and never depend on the network, the clock or \
            files outside a temporary folder. Do not change the code under test. Reply with the test file only, \
            in a single fenced code block.""";

    public Prompt build(Job job) {
        return new Prompt(system(job.task()), user(job));
    }

    /** The prompt of a lane request: a first try, or a repair round with the rejected test and its diagnostics. */
    public Prompt build(LaneRequest request) {
        Prompt first = build(request.job());
        Repair repair = request.repair();
        return repair == null ? first : new Prompt(first.system(), first.user() + repairSection(request.job(), repair));
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
                + "Language: " + language + "\n"
                + target(job.testTarget()) + "\n"
                + fence + language + "\n"
                + job.content() + (job.content().endsWith("\n") ? "" : "\n")
                + fence + "\n";
    }

    /**
     * The test's exact place and shape, one fact a line ({@code Test file:}, {@code Test name:}, {@code Framework:}
     * with the framework's id first, {@code Import:}, {@code Libraries:}), so a model — and the simulator — can
     * follow it to the letter.
     */
    static String target(TestTarget target) {
        if (target == null) {
            return "";
        }
        return "Test file: " + target.path() + "\n"
                + "Test name: " + target.name() + "\n"
                + "Framework: " + target.framework().id() + " - " + target.framework().description() + "\n"
                + (target.imports().isBlank() ? "" : "Import: " + target.imports() + "\n")
                + "Libraries: " + (target.libraries().isEmpty() ? "none beyond the framework" : String.join(", ", target.libraries()))
                + "\n"
                + (target.split() ? "Part: " + target.part() + " of " + target.parts()
                        + " (test only the members shown; other parts are tested elsewhere)\n" : "");
    }

    /** The rejected test and why, after the code under test: the model fixes its own file rather than starting over. */
    static String repairSection(Job job, Repair repair) {
        String language = job.language() == null || job.language().isBlank() ? "text" : job.language();
        String testFence = fenceFor(repair.previousTest());
        String diagFence = fenceFor(repair.diagnostics());
        return "\nRepair round " + repair.round() + ": your previous test was rejected (" + repair.verdict().id() + ").\n"
                + "Diagnostics:\n"
                + diagFence + "text\n" + repair.diagnostics() + (repair.diagnostics().endsWith("\n") ? "" : "\n") + diagFence + "\n"
                + "Previous test:\n"
                + testFence + language + "\n" + repair.previousTest() + (repair.previousTest().endsWith("\n") ? "" : "\n")
                + testFence + "\n"
                + "Reply with the corrected complete test file, in a single fenced code block.\n";
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
