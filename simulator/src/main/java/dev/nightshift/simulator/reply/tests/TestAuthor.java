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
    private TestAuthor() {
    }

    /**
     * @param variant seeds the choices that do not change what is asserted (assertion style, which typo)
     * @param drop    names of cases to leave out (cases a validator rejected although the model believed them)
     */
    public static WrittenTest write(TestJob job, Defect defect, Random variant, Set<String> drop) {
        LanguageWriter writer = writer(job);
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
                List<Case> trivial = cases.stream().filter(c -> c.fact().kind() == Fact.Kind.AVAILABLE).toList();
                cases = trivial.isEmpty() ? cases.subList(0, Math.min(1, cases.size())) : trivial;
            }
            case WRONG_ASSERTION -> {
                int target = -1;
                for (Fact.Kind k : List.of(Fact.Kind.EQUALS, Fact.Kind.NOT_NULL, Fact.Kind.THROWS, Fact.Kind.CONSTRUCTS, Fact.Kind.AVAILABLE)) {
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
            default -> {
            }
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

    static LanguageWriter writer(TestJob job) {
        return switch (job.framework()) {
            case "junit4", "junit5" -> new JavaTests(job);
            case "pytest", "unittest" -> new PythonTests(job);
            case "mocha", "jest", "vitest", "node-test" -> new ScriptTests(job);
            case "go-test" -> new GoTests(job);
            default -> switch (job.language()) {
                case "java" -> new JavaTests(new TestJob(job.language(), job.code(), job.unitPath(), job.testPath(), job.testName(),
                        "junit5", job.imports(), job.libraries(), job.split()));
                case "python" -> new PythonTests(new TestJob(job.language(), job.code(), job.unitPath(), job.testPath(), job.testName(),
                        "pytest", job.imports(), job.libraries(), job.split()));
                case "javascript", "typescript" -> new ScriptTests(new TestJob(job.language(), job.code(), job.unitPath(), job.testPath(),
                        job.testName(), "jest", job.imports(), job.libraries(), job.split()));
                case "go" -> new GoTests(new TestJob(job.language(), job.code(), job.unitPath(), job.testPath(), job.testName(),
                        "go-test", job.imports(), job.libraries(), job.split()));
                default -> new GenericTests(job);
            };
        };
    }

    /** Whether the author writes runnable tests for this framework (others get a plain outline). */
    public static boolean supports(TestJob job) {
        return !(writer(job) instanceof GenericTests);
    }
}
