package dev.nightshift.ingest.plan.tests;

import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.plan.JobFactory;
import dev.nightshift.ingest.plan.JobSpool;
import dev.nightshift.ingest.plan.PlanReport;
import dev.nightshift.ingest.plan.PreparedFile;
import dev.nightshift.ingest.plan.TaskPlanner;
import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.Unit;
import dev.nightshift.ingest.unit.UnitSplitters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Plans test generation: test files, generated code and files without a testable unit (only interfaces,
 * type aliases, constants, trivial accessors) get no job. A file that fits {@code groupTokens} is one job
 * (its classes grouped, {@code unitPath} = the file's path); a larger file gets one job per testable
 * top-level unit ({@code path#Name}), and a class larger still one job per group of its methods
 * ({@code path#Name@L<start>-<end>}). Every job carries its context in comments ahead of the code: the test
 * framework, the signatures it uses from the rest of the repository, and the existing test file.
 */
public final class TestsPlanner implements TaskPlanner {
    private static final Set<String> UNTESTABLE_KINDS = Set.of("interface", "type", "typealias", "enum", "union", "trait",
            "struct", "mod", "static", "const", "macro_rules!", "annotation", "delegate", "namespace");

    private final JobFactory factory;
    private final RepositoryIndex index;
    private final long groupTokens;
    private final Function<RepositoryIndex.TestFile, Optional<String>> testText;

    /** @param testText reads an existing test file as guarded UTF-8 text (empty when it cannot) */
    public TestsPlanner(JobFactory factory, RepositoryIndex index, long groupTokens,
                        Function<RepositoryIndex.TestFile, Optional<String>> testText) {
        this.factory = factory;
        this.index = index;
        this.groupTokens = groupTokens;
        this.testText = testText;
    }

    @Override
    public PreparedFile prepare(SourceFile file) {
        if (TestFiles.isTest(file.path())) {
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
        FileUnits units = prepared.units();
        List<Unit> testable = units.units().stream().filter(TestsPlanner::testable).toList();
        if (testable.isEmpty()) {
            report.skip(file.path(), "no-testable-units");
            return;
        }
        long fileTokens = prepared.tokens();
        String existingTest = existingTest(file.path());
        if (fileTokens <= groupTokens) {
            String context = context(file, null, index.signaturesUsedBy(file.text(), file.path()), existingTest);
            jobs.add(factory.job(file.path(), file.language(), context + file.text()));
            return;
        }
        for (Unit unit : testable) {
            if (unit.tokens() <= groupTokens || unit.members().isEmpty()) {
                String context = context(file, unit, index.signaturesUsedBy(unit.text(), file.path()), existingTest);
                jobs.add(factory.job(file.path() + "#" + unit.name(), file.language(), context + units.header() + unit.text()));
            } else {
                for (List<Unit> group : groups(unit.members())) {
                    String body = units.header() + unit.signature() + " {\n" + String.join("\n", group.stream().map(Unit::text).toList()) + "}\n";
                    String context = context(file, unit, index.signaturesUsedBy(body, file.path()), existingTest);
                    String unitPath = file.path() + "#" + unit.name() + "@L" + group.get(0).startLine() + "-"
                            + group.get(group.size() - 1).endLine();
                    jobs.add(factory.job(unitPath, file.language(), context + body));
                }
            }
        }
    }

    @Override
    public void finish(JobSpool jobs, PlanReport report) {
        // Tests have no aggregate jobs.
    }

    static boolean testable(Unit unit) {
        if (unit.trivial() || UNTESTABLE_KINDS.contains(unit.kind())) {
            return false;
        }
        if (unit.kind().equals("variable")) {
            return unit.text().contains("=>") || unit.text().contains("function") || unit.text().contains("fun ");
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

    private String existingTest(String path) {
        return index.existingTest(path).flatMap(t -> testText.apply(t).map(text -> {
            long maxChars = groupTokens * 2;
            String shown = text.length() > maxChars ? text.substring(0, (int) maxChars) + "\n… (truncated)\n" : text;
            return t.path() + "\n" + shown;
        })).orElse(null);
    }

    private String context(SourceFile file, Unit unit, List<String> signatures, String existingTest) {
        String c = commentPrefix(file.language());
        StringBuilder sb = new StringBuilder();
        sb.append(c).append("nightshift context for writing tests (not part of the code under test)\n");
        index.frameworks().forLanguage(file.language()).ifPresent(fw -> sb.append(c).append("test framework: ").append(fw)
                .append(index.frameworks().detected(file.language()) ? " (from the build files)" : " (ecosystem default)").append('\n'));
        if (unit != null) {
            sb.append(c).append("unit under test: ").append(unit.kind()).append(' ').append(unit.name()).append(", lines ")
                    .append(unit.startLine()).append('-').append(unit.endLine()).append(" of ").append(file.path()).append('\n');
        }
        if (!signatures.isEmpty()) {
            sb.append(c).append("signatures it uses from this repository:\n");
            signatures.forEach(s -> sb.append(c).append("  ").append(s).append('\n'));
        }
        if (existingTest != null) {
            int newline = existingTest.indexOf('\n');
            sb.append(c).append("existing test file ").append(existingTest, 0, newline).append(" (extend it, keep its style):\n");
            existingTest.substring(newline + 1).lines().forEach(l -> sb.append(c).append("| ").append(l).append('\n'));
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
