package dev.nightshift.simulator.reply;

import dev.nightshift.core.validation.Repair;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import java.util.List;

/**
 * Test prompts shaped exactly like the worker's ({@code PromptBuilder}): the system text, a blank line, then
 * the ask, the header lines, the code in a fence, and for a repair the round, the diagnostics and the previous
 * test — what the simulator receives as one prompt.
 */
public final class WorkerPrompts {
    public static final String SYSTEM =
            "You are a senior software engineer writing unit tests for one source file of a repository. "
                    + "Write one complete test file at the test file path, declaring exactly the test name given, for the framework "
                    + "given, importing the code under test as stated and no library that is not listed. Reply with the test file "
                    + "only, in a single fenced code block.";

    private WorkerPrompts() {}

    public static String tests(String path, String language, TestTarget target, String code) {
        String fence = fenceFor(code);
        return SYSTEM + "\n\n" + "Write unit tests for this file.\n"
                + "Path: " + path + "\n"
                + "Language: " + language + "\n"
                + target(target) + "\n"
                + fence + language + "\n"
                + code + (code.endsWith("\n") ? "" : "\n")
                + fence + "\n";
    }

    public static String docs(String path, String language, String code) {
        String fence = fenceFor(code);
        return "You write reference documentation.\n\nDocument this file.\nPath: " + path + "\nLanguage: " + language
                + "\n\n" + fence + language + "\n" + code + (code.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    public static TestTarget target(
            String testPath,
            String name,
            TestFramework framework,
            String sourcePath,
            String imports,
            List<String> libraries) {
        return TestTarget.single(testPath, name, framework, sourcePath, imports, libraries);
    }

    public static String repair(String firstTry, String language, Repair repair) {
        String testFence = fenceFor(repair.previousTest());
        String diagFence = fenceFor(repair.diagnostics());
        return firstTry + "\nRepair round " + repair.round() + ": your previous test was rejected ("
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

    public static String repair(
            String firstTry, String language, int round, Verdict verdict, String diagnostics, String previousTest) {
        return repair(firstTry, language, new Repair(round, previousTest, verdict, diagnostics));
    }

    private static String target(TestTarget target) {
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

    public static String fenceFor(String content) {
        return dev.nightshift.core.docs.Fences.fenceFor(content);
    }

    /** The one fenced block of a reply, without its fence. */
    public static String fenced(String reply) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?ms)^(`{3,})[\\w+-]*\\n(.*?)^\\1\\s*$")
                .matcher(reply);
        if (!m.find()) {
            throw new AssertionError("no fenced block in:\n" + reply);
        }
        return m.group(2);
    }
}
