package dev.nightshift.ingest.plan.tests;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises test files by the conventions of each ecosystem, and names the stem they test. */
public final class TestFiles {
    private static final Pattern TEST_FOLDER =
            Pattern.compile("(?:^|/)(?:src/test|src/it|tests?|__tests__|spec|testing)/");
    private static final Pattern TEST_NAME = Pattern.compile(
            "^(?:test_.+\\.py|.+_test\\.py|conftest\\.py|.+(?:Test|Tests|IT|Spec)\\.(?:java|kt|scala|groovy|cs|php|swift)"
                    + "|Test.+\\.(?:java|kt)|.+\\.(?:test|spec)\\.[cm]?[jt]sx?|.+_test\\.go|.+_(?:spec|test)\\.rb"
                    + "|.+_(?:unit)?test\\.(?:c|cc|cpp|cxx)|test_.+\\.(?:c|cc|cpp)|.+_test\\.rs)$");
    private static final List<String> PREFIXES = List.of("test_", "Test");
    private static final List<String> SUFFIXES =
            List.of("Tests", "Test", "IT", "Spec", "_test", "_spec", "_unittest", ".test", ".spec");

    private TestFiles() {}

    public static boolean isTest(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return TEST_NAME.matcher(name).matches() || TEST_FOLDER.matcher(path).find();
    }

    /** The stem a test file is about: {@code GreeterTest.java} and {@code test_greeter.py} → greeter. */
    public static String testedStem(String testPath) {
        String stem = stem(testPath);
        for (String p : PREFIXES) {
            if (stem.startsWith(p) && stem.length() > p.length()) {
                stem = stem.substring(p.length());
                break;
            }
        }
        for (String s : SUFFIXES) {
            if (stem.endsWith(s) && stem.length() > s.length()) {
                stem = stem.substring(0, stem.length() - s.length());
                break;
            }
        }
        return stem.toLowerCase(Locale.ROOT);
    }

    /** A file's name without folder and extension, lower-cased. */
    public static String sourceStem(String path) {
        return stem(path).toLowerCase(Locale.ROOT);
    }

    private static String stem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
