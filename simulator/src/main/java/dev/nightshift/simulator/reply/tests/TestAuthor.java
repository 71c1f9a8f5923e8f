package dev.nightshift.simulator.reply.tests;

import dev.nightshift.simulator.reply.Defect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a real test file for the code under test — one that compiles and passes when {@code defect} is
 * {@link Defect#NONE} — and, on request, the same test with one defect worked in.
 */
public final class TestAuthor {
    private TestAuthor() {}

    /**
     * @param variant seeds the choices that do not change what is asserted (assertion style, which typo)
     * @param drop    names of cases to leave out (cases a validator rejected although the model believed them)
     */
    public static WrittenTest write(TestJob job, Defect defect, Random variant, Set<String> drop) {
        try {
            return write(writer(job), defect, variant, drop);
        } catch (RuntimeException | StackOverflowError e) {
            // Code the readers cannot make sense of gets the outline a model would sketch, never a failed reply.
            return write(new GenericTests(job), defect, variant, drop);
        }
    }

    private static WrittenTest write(LanguageWriter writer, Defect defect, Random variant, Set<String> drop) {
        List<Fact> facts = writer.facts();
        Set<String> used = new HashSet<>();
        List<Case> cases = new ArrayList<>();
        for (Fact f : facts) {
            cases.add(new Case(unique(writer.name(f, false), used), f, false, false));
        }
        List<Case> kept = new ArrayList<>(cases);
        kept.removeIf(c -> drop.contains(c.name()) && c.fact().kind() != Fact.Kind.AVAILABLE);
        if (!kept.isEmpty()) {
            cases = kept;
        }
        switch (defect) {
            case NO_GAIN -> {
                List<Case> trivial = cases.stream()
                        .filter(c -> c.fact().kind() == Fact.Kind.AVAILABLE)
                        .toList();
                cases = trivial.isEmpty() ? cases.subList(0, Math.min(1, cases.size())) : trivial;
            }
            case WRONG_ASSERTION -> {
                int target = -1;
                for (Fact.Kind k : List.of(
                        Fact.Kind.EQUALS,
                        Fact.Kind.NOT_NULL,
                        Fact.Kind.THROWS,
                        Fact.Kind.CONSTRUCTS,
                        Fact.Kind.AVAILABLE)) {
                    for (int i = 0; i < cases.size() && target < 0; i++) {
                        if (cases.get(i).fact().kind() == k) {
                            target = i;
                        }
                    }
                }
                if (target >= 0) {
                    Case c = cases.get(target);
                    cases = new ArrayList<>(cases);
                    cases.set(target, new Case(c.name(), c.fact(), true, false));
                }
            }
            case FLAKY -> {
                Fact base = null;
                for (Case c : cases) {
                    Fact.Kind k = c.fact().kind();
                    if (base == null && (k == Fact.Kind.EQUALS || k == Fact.Kind.NOT_NULL || k == Fact.Kind.RUNS)) {
                        base = c.fact();
                    }
                }
                if (base == null && !cases.isEmpty()) {
                    base = cases.get(0).fact();
                }
                if (base != null) {
                    cases = new ArrayList<>(cases);
                    cases.add(new Case(unique(writer.name(base, true), used), base, false, true));
                }
            }
            default -> {}
        }
        return writer.render(cases, defect, variant);
    }

    private static String unique(String name, Set<String> used) {
        String n = name;
        int i = 2;
        while (!used.add(n)) {
            n = name + (name.matches(".*[\\s)]$") || name.contains(" ") ? " (" + i + ")" : String.valueOf(i));
            i++;
        }
        return n;
    }

    /** The writer for the code's language; a framework of another language is replaced by the language's usual one. */
    static LanguageWriter writer(TestJob job) {
        String family =
                switch (job.language()) {
                    case "java" -> "java";
                    case "python" -> "python";
                    case "javascript", "typescript" -> "script";
                    case "go" -> "go";
                    default -> "other";
                };
        String framework = job.framework();
        boolean fits =
                switch (family) {
                    case "java" -> framework.equals("junit4") || framework.equals("junit5");
                    case "python" -> framework.equals("pytest") || framework.equals("unittest");
                    case "script" ->
                        List.of("mocha", "jest", "vitest", "node-test").contains(framework);
                    case "go" -> framework.equals("go-test");
                    default -> true;
                };
        TestJob j = fits
                ? job
                : new TestJob(
                        job.language(),
                        job.code(),
                        job.unitPath(),
                        job.testPath(),
                        job.testName(),
                        TestJob.defaultFramework(job.language()),
                        job.imports(),
                        job.libraries(),
                        job.split());
        return switch (family) {
            case "java" -> new JavaTests(j);
            case "python" -> new PythonTests(j);
            case "script" -> new ScriptTests(j);
            case "go" -> new GoTests(j);
            default -> new GenericTests(j);
        };
    }
}
