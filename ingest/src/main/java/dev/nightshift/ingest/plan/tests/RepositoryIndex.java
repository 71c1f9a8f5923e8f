package dev.nightshift.ingest.plan.tests;

import dev.nightshift.ingest.plan.tests.placement.RepositoryConventions;
import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.Unit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What test generation needs to know about the whole repository before planning one unit: the
 * signatures of its declarations (so a unit's job can carry the signatures of what it calls), its test
 * files (so a unit's job can carry its existing test), its test frameworks, and its build and runner
 * conventions (so a test job's target lands where the repository's runner collects it). Built in a first
 * pass over the snapshot; it holds signatures, paths and configuration facts, never file contents.
 */
public final class RepositoryIndex {
    private static final int MAX_ENTRIES_PER_NAME = 3;
    private static final int MAX_CONTEXT_SIGNATURES = 25;
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]{2,}\\b");

    private final Map<String, List<Signature>> symbols = new HashMap<>();
    private final Map<String, List<TestFile>> testsByStem = new HashMap<>();
    private final TestFrameworks frameworks = new TestFrameworks();
    private final RepositoryConventions conventions = new RepositoryConventions();

    record Signature(String path, String text) {}

    /** A test file of the repository; {@code blob} is {@code null} for a working-tree file. */
    public record TestFile(String path, ObjectId blob) {}

    public TestFrameworks frameworks() {
        return frameworks;
    }

    public RepositoryConventions conventions() {
        return conventions;
    }

    /** Whether the first pass reads this file as a build or test-runner configuration file. */
    public static boolean isBuildFile(String path) {
        return TestFrameworks.isBuildFile(path) || RepositoryConventions.reads(path);
    }

    /** A build or runner configuration file, as {@link #isBuildFile} selects them. */
    public void addBuildFile(String path, String text) {
        if (TestFrameworks.isBuildFile(path)) {
            frameworks.read(path, text);
        }
        if (RepositoryConventions.reads(path)) {
            conventions.read(path, text);
        }
    }

    public void addSource(FileUnits file) {
        conventions.addSource(file.path(), file.language());
        for (Unit unit : file.units()) {
            put(symbolName(unit.name()), new Signature(file.path(), unit.signature()));
            for (Unit member : unit.members()) {
                if (!member.trivial() && !member.kind().equals("constructor")) {
                    put(member.name(), new Signature(file.path(), unit.name() + ": " + member.signature()));
                }
            }
        }
    }

    /** @param text the test's text (guarded), read for the test style it shows; {@code null} when not at hand */
    public void addTest(String path, ObjectId blob, String text) {
        testsByStem
                .computeIfAbsent(TestFiles.testedStem(path), k -> new ArrayList<>())
                .add(new TestFile(path, blob));
        conventions.addTest(path, text);
    }

    /** What callers write: {@code bar} for {@code Foo.prototype.bar}, as for any unit named by a property path. */
    private static String symbolName(String unitName) {
        int dot = unitName.lastIndexOf('.');
        return dot < 0 || unitName.equals("module.exports") ? unitName : unitName.substring(dot + 1);
    }

    private void put(String name, Signature signature) {
        List<Signature> list = symbols.computeIfAbsent(name, k -> new ArrayList<>(1));
        if (list.size() < MAX_ENTRIES_PER_NAME) {
            list.add(signature);
        }
    }

    /** Signatures of repository declarations that {@code code} names, declared outside {@code ownPath}. */
    public List<String> signaturesUsedBy(String code, String ownPath) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(code);
        Set<String> seen = new java.util.HashSet<>();
        while (m.find() && out.size() < MAX_CONTEXT_SIGNATURES) {
            String name = m.group();
            if (!seen.add(name)) {
                continue;
            }
            for (Signature s : symbols.getOrDefault(name, List.of())) {
                if (!s.path().equals(ownPath) && out.size() < MAX_CONTEXT_SIGNATURES) {
                    out.add(s.path() + ": " + s.text());
                }
            }
        }
        return List.copyOf(out);
    }

    /** The existing test file for a source file, preferring one whose extension and folder are closest. */
    public Optional<TestFile> existingTest(String sourcePath) {
        List<TestFile> candidates = testsByStem.getOrDefault(TestFiles.sourceStem(sourcePath), List.of());
        String ext = extension(sourcePath);
        return candidates.stream()
                .filter(t -> sameFamily(extension(t.path()), ext))
                .max(java.util.Comparator.comparingInt((TestFile t) -> commonPrefix(t.path(), sourcePath))
                        .thenComparing(TestFile::path, java.util.Comparator.reverseOrder()));
    }

    private static boolean sameFamily(String a, String b) {
        return a.equals(b) || isJs(a) && isJs(b);
    }

    private static boolean isJs(String ext) {
        return ext.matches("[cm]?[jt]sx?");
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
