package dev.nightshift.ingest.plan.tests;

import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.plan.JobFactory;
import dev.nightshift.ingest.plan.JobSpool;
import dev.nightshift.ingest.plan.PlanReport;
import dev.nightshift.ingest.plan.PreparedFile;
import dev.nightshift.ingest.plan.TaskPlanner;
import dev.nightshift.ingest.plan.tests.placement.PlacedFile;
import dev.nightshift.ingest.plan.tests.placement.TestPlacement;
import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.Unit;
import dev.nightshift.ingest.unit.UnitSplitters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Plans test generation: test files, generated code, files no unit test can exercise (build files, SQL, shell,
 * configuration, documentation: {@code untestable:<rule>}) and files without a testable unit (only interfaces,
 * type aliases, constants, trivial accessors) get no job. A file that fits {@code groupTokens} is one job
 * (its classes grouped, {@code unitPath} = the file's path); a larger file gets one job per testable
 * top-level unit ({@code path#Name}), and a class larger still one job per group of its methods
 * ({@code path#Name@L<start>-<end>}); what a split leaves out is reported ({@code untestable-unit:<kind>}).
 * Every job of a file shares one test file ({@link TestTarget#mergeInto}), placed where the repository's runner
 * collects it ({@link TestPlacement}), and carries its context in comments ahead of the code: the signatures it
 * uses from the rest of the repository and the existing test file — and the test framework only for languages
 * without a target, where the prompt names none.
 */
public final class TestsPlanner implements TaskPlanner {
    private static final Set<String> UNTESTABLE_KINDS = Set.of(
            "interface",
            "type",
            "typealias",
            "enum",
            "union",
            "trait",
            "struct",
            "mod",
            "static",
            "const",
            "macro_rules!",
            "annotation",
            "delegate",
            "namespace",
            "overload");
    /** A method written in an object literal: {@code add(a, b) {}, async load() {}, *items() {}}. */
    private static final Pattern SHORTHAND_METHOD =
            Pattern.compile("(?m)^\\s+(?:async\\s+)?\\*?[\\w$]+\\s*\\([^)]*\\)\\s*\\{");

    private final JobFactory factory;
    private final RepositoryIndex index;
    private final TestPlacement placement;
    private final long groupTokens;
    private final Function<RepositoryIndex.TestFile, Optional<String>> testText;

    /** One job's worth of a file: its unit path, the code it shows, and the units that code holds. */
    private record Draft(String unitPath, Unit unit, String body, List<Unit> units) {}

    /** @param testText reads an existing test file as guarded UTF-8 text (empty when it cannot) */
    public TestsPlanner(
            JobFactory factory,
            RepositoryIndex index,
            long groupTokens,
            Function<RepositoryIndex.TestFile, Optional<String>> testText) {
        this.factory = factory;
        this.index = index;
        this.placement = new TestPlacement(index.conventions());
        this.groupTokens = groupTokens;
        this.testText = testText;
    }

    @Override
    public PreparedFile prepare(SourceFile file) {
        if (TestFiles.isTest(file.path())
                || UntestableFiles.rule(file.path(), file.language()).isPresent()) {
            return new PreparedFile(file, -1, null);
        }
        return new PreparedFile(file, TokenCounter.count(file.text()), UnitSplitters.split(file));
    }

    @Override
    public void file(PreparedFile prepared, JobSpool jobs, PlanReport report) {
        SourceFile file = prepared.file();
        if (TestFiles.isTest(file.path())) {
            report.skip(file.path(), "test-file");
            return;
        }
        Optional<String> untestable = UntestableFiles.rule(file.path(), file.language());
        if (untestable.isPresent()) {
            report.skip(file.path(), UntestableFiles.PREFIX + untestable.get());
            return;
        }
        FileUnits units = prepared.units();
        List<Unit> testable =
                units.units().stream().filter(TestsPlanner::testable).toList();
        if (testable.isEmpty()) {
            report.skip(file.path(), "no-testable-units");
            return;
        }
        List<Draft> drafts = drafts(file, units, testable, prepared.tokens(), report);
        Optional<PlacedFile> placed = placement.place(file, drafts.size());
        if (placed.isEmpty() && TestPlacement.places(file.language())) {
            // No place the repository's runner collects (a source set outside src/main/java, a runner nightshift
            // does not write for): a test there could be neither validated nor run by the repository itself.
            report.skip(file.path(), UntestableFiles.PREFIX + "no-test-placement");
            return;
        }
        String existingTest = existingTest(index.existingTest(file.path()));
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            int part = i + 1;
            TestTarget target = placed.map(p -> p.target(draft.units(), part, drafts.size()))
                    .orElse(null);
            String context = context(
                    file, draft.unit(), index.signaturesUsedBy(draft.body(), file.path()), existingTest, target);
            String content = context + draft.body();
            jobs.add(
                    target == null
                            ? factory.job(draft.unitPath(), file.language(), content)
                            : factory.job(draft.unitPath(), file.language(), content, target));
        }
    }

    /** The file's jobs before their targets: one for the whole file, or one per unit, or per group of a class's methods. */
    private List<Draft> drafts(
            SourceFile file, FileUnits units, List<Unit> testable, long fileTokens, PlanReport report) {
        if (fileTokens <= groupTokens) {
            return List.of(new Draft(file.path(), null, file.text(), units.units()));
        }
        List<Draft> drafts = new ArrayList<>();
        for (Unit unit : units.units()) {
            if (!testable.contains(unit)) {
                report.skip(
                        file.path() + "#" + unit.name(),
                        "untestable-unit:" + (unit.trivial() ? "trivial" : unit.kind()));
            } else if (unit.tokens() <= groupTokens || unit.members().isEmpty()) {
                drafts.add(
                        new Draft(file.path() + "#" + unit.name(), unit, units.header() + unit.text(), List.of(unit)));
            } else {
                unit.members().stream()
                        .filter(Unit::trivial)
                        .forEach(m -> report.skip(
                                file.path() + "#" + unit.name() + "." + m.name(), "untestable-unit:trivial"));
                for (List<Unit> group : groups(unit.members())) {
                    String body = units.header() + unit.signature() + " {\n"
                            + String.join("\n", group.stream().map(Unit::text).toList()) + "}\n";
                    String unitPath = file.path() + "#" + unit.name() + "@L"
                            + group.get(0).startLine() + "-"
                            + group.get(group.size() - 1).endLine();
                    drafts.add(new Draft(unitPath, unit, body, List.of(unit)));
                }
            }
        }
        return drafts;
    }

    @Override
    public void finish(JobSpool jobs, PlanReport report) {
        // Tests have no aggregate jobs.
    }

    /** Build files, configuration and documents the intake left out as not source get the tests task's rule. */
    @Override
    public String skipReason(String path, String intakeReason) {
        if (!intakeReason.equals("not-source")) {
            return intakeReason;
        }
        return UntestableFiles.rule(path)
                .map(rule -> UntestableFiles.PREFIX + rule)
                .orElse(intakeReason);
    }

    static boolean testable(Unit unit) {
        if (unit.trivial() || UNTESTABLE_KINDS.contains(unit.kind())) {
            return false;
        }
        if (unit.kind().equals("variable")) {
            String text = unit.text();
            return text.contains("=>")
                    || text.contains("function")
                    || text.contains("fun ")
                    || SHORTHAND_METHOD.matcher(text).find();
        }
        return true;
    }

    /** Non-trivial members in consecutive groups of at most {@code groupTokens}. */
    private List<List<Unit>> groups(List<Unit> members) {
        List<List<Unit>> groups = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        long tokens = 0;
        for (Unit m : members) {
            if (m.trivial()) {
                continue;
            }
            if (!current.isEmpty() && tokens + m.tokens() > groupTokens) {
                groups.add(current);
                current = new ArrayList<>();
                tokens = 0;
            }
            current.add(m);
            tokens += m.tokens();
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /** The existing test's path and text (truncated to the group budget), or {@code null}. */
    private String existingTest(Optional<RepositoryIndex.TestFile> test) {
        return test.flatMap(t -> testText.apply(t).map(text -> {
                    long maxChars = groupTokens * 2;
                    String shown =
                            text.length() > maxChars ? text.substring(0, (int) maxChars) + "\n… (truncated)\n" : text;
                    return t.path() + "\n" + shown;
                }))
                .orElse(null);
    }

    private String context(
            SourceFile file, Unit unit, List<String> signatures, String existingTest, TestTarget target) {
        String c = commentPrefix(file.language());
        StringBuilder sb = new StringBuilder();
        sb.append(c).append("nightshift context for writing tests (not part of the code under test)\n");
        if (target == null) {
            // With a target the prompt states the framework; a guess here could only contradict it.
            index.frameworks().forLanguage(file.language()).ifPresent(fw -> sb.append(c)
                    .append("test framework: ")
                    .append(fw)
                    .append(
                            index.frameworks().detected(file.language())
                                    ? " (from the build files)"
                                    : " (ecosystem default)")
                    .append('\n'));
        }
        if (unit != null) {
            sb.append(c)
                    .append("unit under test: ")
                    .append(unit.kind())
                    .append(' ')
                    .append(unit.name())
                    .append(", lines ")
                    .append(unit.startLine())
                    .append('-')
                    .append(unit.endLine())
                    .append(" of ")
                    .append(file.path())
                    .append('\n');
        }
        if (!signatures.isEmpty()) {
            sb.append(c).append("signatures it uses from this repository:\n");
            signatures.forEach(s -> sb.append(c).append("  ").append(s).append('\n'));
        }
        if (existingTest != null) {
            int newline = existingTest.indexOf('\n');
            // With a target the new test is a file of its own beside the existing one, which stays in the suite.
            String how = target == null
                    ? "extend it, keep its style"
                    : "it stays in the suite: do not repeat its cases, follow its style";
            sb.append(c)
                    .append("existing test file ")
                    .append(existingTest, 0, newline)
                    .append(" (")
                    .append(how)
                    .append("):\n");
            existingTest
                    .substring(newline + 1)
                    .lines()
                    .forEach(l -> sb.append(c).append("| ").append(l).append('\n'));
        }
        return sb.append(c).append("end of nightshift context\n").toString();
    }

    static String commentPrefix(String language) {
        return switch (language) {
            case "python", "ruby", "shell", "perl", "r", "elixir", "julia", "powershell", "make", "dockerfile" -> "# ";
            case "sql", "lua", "haskell" -> "-- ";
            default -> "// ";
        };
    }
}
