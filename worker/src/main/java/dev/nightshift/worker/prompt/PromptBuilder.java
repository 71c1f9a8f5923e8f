package dev.nightshift.worker.prompt;

import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.docs.Fences;
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
            repository. Write GitHub-flavoured Markdown with these sections: a '# ' title with the file name, \
            '## Purpose' (one paragraph), '## Public API' (a '### ' subsection per public symbol listed, with its \
            signature as code, its parameters, return value and errors), '## Usage' (a short example) and \
            '## Pitfalls'. Name only symbols that appear in the code given; never invent behaviour. Reply with the \
            Markdown document only.""";
    static final String FOLDER_SYSTEM = """
            You are a senior software engineer summarising one folder of a repository from the documentation of its \
            files and subfolders. Write GitHub-flavoured Markdown: a '# ' title with the folder's path, \
            '## What lives here' (a bullet per file and subfolder saying what it is for) and '## How the parts \
            relate' (which depends on which, and the flow between them). Name only files and symbols the given \
            documentation names. Reply with the Markdown document only.""";
    static final String REPOSITORY_SYSTEM = """
            You are a senior software engineer describing a repository's architecture from its folder summaries \
            and build files. Write GitHub-flavoured Markdown: '# Architecture', '## Overview', '## Modules' (a \
            '### ' per module), '## Data flow', '## Entry points' and '## Module diagram' with a fenced mermaid \
            'graph TD' of the main modules and their dependencies. Name only modules, files and symbols the given \
            text names. Reply with the Markdown document only.""";
    static final String TESTS_SYSTEM = """
            You are a senior software engineer writing unit tests for one source file of a repository. Write one \
            complete test file at the test file path, declaring exactly the test name given, for the framework \
            given, importing the code under test as stated and no library that is not listed. The test is compiled \
            and run: assert only behaviour the code shows, cover normal cases, edge cases and error paths, give \
            each test a name that states the expected behaviour, and never depend on the network, the clock or \
            files outside a temporary folder. Do not change the code under test. Reply with the test file only, \
            in a single fenced code block.""";

    public Prompt build(Job job) {
        DocsTarget docs = job.docs();
        if (docs != null) {
            return new Prompt(docsSystem(docs.level()), DocsPrompts.user(job));
        }
        return new Prompt(system(job.task()), user(job));
    }

    /** The prompt of a lane request: a first try, or a repair round with the rejected test and its diagnostics. */
    public Prompt build(LaneRequest request) {
        Prompt first = build(request.job());
        Repair repair = request.repair();
        if (repair == null) {
            return first;
        }
        return new Prompt(
                first.system(),
                first.user()
                        + (request.job().docs() != null
                                ? DocsPrompts.reviewSection(repair)
                                : repairSection(request.job(), repair)));
    }

    static String docsSystem(DocLevel level) {
        return switch (level) {
            case FILE -> DOCS_SYSTEM;
            case FOLDER -> FOLDER_SYSTEM;
            case REPOSITORY -> REPOSITORY_SYSTEM;
        };
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
                + "Framework: " + target.framework().id() + " - "
                + target.framework().description() + "\n"
                + (target.imports().isBlank() ? "" : "Import: " + target.imports() + "\n")
                + "Libraries: "
                + (target.libraries().isEmpty() ? "none beyond the framework" : String.join(", ", target.libraries()))
                + "\n"
                + (target.split()
                        ? "Part: " + target.part() + " of " + target.parts()
                                + " (test only the members shown; other parts are tested elsewhere)\n"
                        : "");
    }

    /** The rejected test and why, after the code under test: the model fixes its own file rather than starting over. */
    static String repairSection(Job job, Repair repair) {
        String language = job.language() == null || job.language().isBlank() ? "text" : job.language();
        String testFence = fenceFor(repair.previousTest());
        String diagFence = fenceFor(repair.diagnostics());
        return "\nRepair round " + repair.round() + ": your previous test was rejected ("
                + repair.verdict().id() + ").\n"
                + "Diagnostics:\n"
                + diagFence + "text\n" + repair.diagnostics()
                + (repair.diagnostics().endsWith("\n") ? "" : "\n") + diagFence + "\n"
                + "Previous test:\n"
                + testFence + language + "\n" + repair.previousTest()
                + (repair.previousTest().endsWith("\n") ? "" : "\n")
                + testFence + "\n"
                + "Reply with the corrected complete test file, in a single fenced code block.\n";
    }

    /** A fence longer than any backtick run in the code, so the code cannot close it early. */
    static String fenceFor(String content) {
        return Fences.fenceFor(content);
    }
}
