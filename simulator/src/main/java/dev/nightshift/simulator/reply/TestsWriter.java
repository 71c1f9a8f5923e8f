package dev.nightshift.simulator.reply;

import dev.nightshift.simulator.reply.tests.TestAuthor;
import dev.nightshift.simulator.reply.tests.TestJob;
import dev.nightshift.simulator.reply.tests.WrittenTest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model writing a test: a real test file for the code in the prompt, at the test path, with the
 * test name, framework, import line and libraries the prompt states — and, as often as the model's
 * {@link TestDefects} say, with one defect worked in. Everything random is seeded by the simulator's seed,
 * the model and the prompt (its first-try part), so the same prompt gets the same test.
 *
 * <p>A repair prompt gets the clean version of the same test with the model's repair chance per round
 * (once fixed, it stays fixed in later rounds), else the same defective test again. When the rejected test was
 * already the clean one — the model's belief about the code was wrong — the repair leaves out the cases the
 * diagnostics name (by name or by a line of the test file).
 */
public final class TestsWriter {
    private static final Pattern FRAMEWORK_IN_CONTEXT =
            Pattern.compile("(?m)^\\s*(?://|#|--)\\s*test framework:\\s*([\\w-]+)");
    private static final long FIRST_TRY = 1;
    private static final long STYLE = 2;
    private static final long REPAIR = 100;

    private TestsWriter() {}

    /**
     * @param text      the reply: a sentence naming the test file, then the file in one fenced block
     * @param source    the test file alone
     * @param firstTry  the defect the model's first try at this prompt has
     * @param delivered the defect this reply has ({@link Defect#NONE} once repaired)
     * @param cases     the test cases' names
     */
    public record TestReply(String text, String source, Defect firstTry, Defect delivered, List<String> cases) {}

    static String write(UnitPrompt unit) {
        return reply(unit, SimulatedModel.flawless()).text();
    }

    public static TestReply reply(UnitPrompt unit, SimulatedModel model) {
        TestJob job = job(unit);
        long base = Seeds.of(model, unit.firstTry().isEmpty() ? unit.code() : unit.firstTry());
        TestDefects defects = model.defectsFor(unit.language());
        Defect first = defects.draw(new Random(Seeds.mix(base, FIRST_TRY)).nextDouble());
        Defect delivered = first;
        Set<String> drop = Set.of();
        RepairSpec repair = unit.repair();
        if (repair != null) {
            for (int round = 1; round <= Math.max(1, repair.round()); round++) {
                if (new Random(Seeds.mix(base, REPAIR + round)).nextDouble() < defects.repairChance()) {
                    delivered = Defect.NONE;
                }
            }
            if (delivered == Defect.NONE) {
                drop = rejectedCases(job, base, repair);
            }
        }
        WrittenTest test = TestAuthor.write(job, delivered, new Random(Seeds.mix(base, STYLE)), drop);
        return new TestReply(text(unit, job, test.source()), test.source(), first, delivered, test.caseNames());
    }

    /**
     * When the previous test is the model's own clean test (less cases it already left out), the cases the
     * diagnostics name, plus those left out before; otherwise none.
     */
    private static Set<String> rejectedCases(TestJob job, long base, RepairSpec repair) {
        String previous = normalise(repair.previous());
        if (previous.isEmpty()) {
            return Set.of();
        }
        WrittenTest full = TestAuthor.write(job, Defect.NONE, new Random(Seeds.mix(base, STYLE)), Set.of());
        Set<String> before = new LinkedHashSet<>();
        for (String name : full.caseNames()) {
            if (!previous.contains(name) && !previous.contains(name.replace("'", "\\'"))) {
                before.add(name);
            }
        }
        WrittenTest clean = TestAuthor.write(job, Defect.NONE, new Random(Seeds.mix(base, STYLE)), before);
        if (!normalise(clean.source()).equals(previous)) {
            return Set.of();
        }
        Set<String> drop = new LinkedHashSet<>(before);
        String diagnostics = repair.diagnostics();
        String file = job.testPath() == null
                ? null
                : job.testPath().substring(job.testPath().lastIndexOf('/') + 1);
        Set<Integer> lines = new LinkedHashSet<>();
        if (file != null) {
            Matcher m = Pattern.compile(Pattern.quote(file) + "[:(\\[,]\\s*(?:line\\s*)?(\\d+)")
                    .matcher(diagnostics);
            while (m.find()) {
                lines.add(Integer.parseInt(m.group(1)));
            }
        }
        for (WrittenTest.Span span : clean.cases()) {
            boolean named = span.name().matches("\\w+")
                    ? Pattern.compile("(?<!\\w)" + Pattern.quote(span.name()) + "(?!\\w)")
                            .matcher(diagnostics)
                            .find()
                    : diagnostics.contains(span.name());
            boolean located = lines.stream().anyMatch(l -> l >= span.firstLine() && l <= span.lastLine());
            if (named || located) {
                drop.add(span.name());
            }
        }
        return drop;
    }

    private static String normalise(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").stripTrailing();
    }

    static TestJob job(UnitPrompt unit) {
        TestSpec spec = unit.test();
        String framework = spec == null ? null : spec.framework();
        if (framework == null) {
            Matcher m = FRAMEWORK_IN_CONTEXT.matcher(unit.code());
            if (m.find()) {
                framework = m.group(1).toLowerCase(java.util.Locale.ROOT);
            }
        }
        if (spec == null) {
            return new TestJob(
                    unit.language(), unit.code(), unit.path(), null, null, framework, null, List.of(), false);
        }
        return new TestJob(
                unit.language(),
                unit.code(),
                unit.path(),
                spec.path(),
                spec.name(),
                framework,
                spec.imports(),
                spec.libraries(),
                spec.split());
    }

    private static String text(UnitPrompt unit, TestJob job, String source) {
        String fence = Markdown.fenceFor(source);
        String where = job.testPath() != null ? job.testPath() : "the tests of " + unit.path();
        String tag =
                switch (unit.language()) {
                    case "java", "python", "go", "typescript" -> unit.language();
                    case "javascript" -> "javascript";
                    default -> unit.language();
                };
        String intro = job.testPath() != null
                ? "Here is `" + where + "`" + (job.testName() != null ? ", declaring `" + job.testName() + "`" : "")
                        + ", for " + job.framework() + ".\n\n"
                : "Here are unit tests for `" + unit.path() + "`.\n\n";
        return intro + fence + tag + "\n" + source + (source.endsWith("\n") ? "" : "\n") + fence + "\n";
    }
}
