package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.unit.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Python: tests go in the folder pytest collects from — the first of {@code testpaths} (preferring one that
 * already holds tests), else the project's existing top-level {@code tests/} or {@code test/}, else
 * {@code tests/} — where the project is the nearest folder above the source with pyproject.toml, setup.cfg,
 * setup.py, pytest.ini or tox.ini (the repository root when none). The file is {@code test_<module>.py} (or
 * what {@code python_files} asks for); since every source's test lands in one folder, a module name shared by
 * two sources of the project becomes {@code test_<package>_<module>.py}, as many packages up as it takes.
 * The test imports the module by its dotted name from the source root: a {@code pythonpath} entry, else
 * {@code src/} (the src layout), else the project folder.
 */
final class PythonPlacement {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");
    private static final Set<String> KEYWORDS = Set.of(
            "False",
            "None",
            "True",
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "try",
            "while",
            "with",
            "yield");

    private final RepositoryConventions conventions;
    /** Python tests under a folder, counted once per folder asked about. */
    private final Map<String, Long> testsUnder = new HashMap<>();

    PythonPlacement(RepositoryConventions conventions) {
        this.conventions = conventions;
    }

    /** The last segment of a module's dotted name: the file's stem, or its package's name for {@code __init__.py}. */
    static String moduleName(String path) {
        String stem = RepoPaths.stem(path);
        if (stem.equals("__init__")) {
            String folder = RepoPaths.folder(path);
            return folder.isEmpty() ? stem : RepoPaths.name(folder);
        }
        return stem;
    }

    Optional<PlacedFile> place(SourceFile file, int parts) {
        String path = file.path();
        if (!path.endsWith(".py")) {
            return Optional.empty();
        }
        String project = conventions.pythonProjectRoot(RepoPaths.folder(path));
        Optional<PytestConfig> config = conventions.pytestConfig(project);
        TestFramework framework = conventions.unittestOnly() ? TestFramework.UNITTEST : TestFramework.PYTEST;
        // unittest discovery's default pattern is test*.py; pytest's is python_files.
        List<String> patterns = framework == TestFramework.UNITTEST
                ? List.of("test*.py")
                : config.map(PytestConfig::pythonFiles).orElse(PytestConfig.DEFAULT_PYTHON_FILES);
        UnaryOperator<String> fileName = fileName(patterns);
        String testFolder = RepoPaths.join(project, testFolder(project, config));
        List<String> module = modulePath(path);
        String dotted = String.join(".", module);
        TestFileNaming naming = new TestFileNaming() {
            @Override
            public TestFileName file(String stem) {
                String name = fileName.apply(stem);
                return new TestFileName(
                        RepoPaths.join(testFolder, name), name.substring(0, name.length() - ".py".length()));
            }

            @Override
            public String join(String stem, String word) {
                return stem + "_" + word;
            }
        };
        List<Glob> globs = patterns.stream().map(Glob::of).toList();
        return naming.freeStem(uniqueStem(path, project), parts, conventions::isTest, p -> globs.stream()
                        .anyMatch(g -> g.matches(RepoPaths.name(p))))
                .map(stem -> new PlacedFile(
                        path,
                        framework,
                        conventions.pythonLibraries(),
                        naming,
                        stem,
                        (name, units) -> importLine(dotted, module, publicNames(units))));
    }

    private String testFolder(String project, Optional<PytestConfig> config) {
        List<String> testpaths = config.map(PytestConfig::testpaths).orElse(List.of()).stream()
                .map(t -> t.matches(".*[*?\\[].*") ? Glob.of(t).staticFolder() : t)
                .toList();
        if (!testpaths.isEmpty()) {
            return testpaths.stream()
                    .filter(t -> testsUnder(RepoPaths.join(project, t)) > 0)
                    .findFirst()
                    .orElse(testpaths.get(0));
        }
        long tests = testsUnder(RepoPaths.join(project, "tests"));
        long test = testsUnder(RepoPaths.join(project, "test"));
        return test > tests ? "test" : "tests";
    }

    private long testsUnder(String folder) {
        return testsUnder.computeIfAbsent(folder, f -> conventions.testPaths().stream()
                .filter(p -> p.endsWith(".py") && RepoPaths.within(p, f) && !p.equals(f))
                .count());
    }

    /** {@code test_*.py} when the patterns accept it, else the first pattern with one {@code *} for the stem. */
    private static UnaryOperator<String> fileName(List<String> patterns) {
        if (patterns.stream().anyMatch(p -> Glob.of(p).matches("test_example.py"))) {
            return stem -> "test_" + stem + ".py";
        }
        for (String p : patterns) {
            if (p.chars().filter(c -> c == '*').count() == 1 && !p.matches(".*[?\\[{].*") && p.endsWith(".py")) {
                return stem -> p.replace("*", stem);
            }
        }
        return stem -> "test_" + stem + ".py";
    }

    /** The module's dotted name as segments, from its source root. */
    private List<String> modulePath(String path) {
        String project = conventions.pythonProjectRoot(RepoPaths.folder(path));
        String root = sourceRoot(path, project, conventions.pytestConfig(project));
        String relative = RepoPaths.under(path, root);
        List<String> segments = new ArrayList<>(Arrays.asList(
                relative.substring(0, relative.length() - ".py".length()).split("/")));
        if (segments.size() > 1 && segments.get(segments.size() - 1).equals("__init__")) {
            segments.remove(segments.size() - 1);
        }
        return segments;
    }

    private static String sourceRoot(String path, String project, Optional<PytestConfig> config) {
        Optional<String> fromPythonpath = config.map(PytestConfig::pythonpath).orElse(List.of()).stream()
                .map(p -> RepoPaths.join(project, p))
                .filter(root -> RepoPaths.within(path, root))
                .max(java.util.Comparator.comparingInt(String::length));
        if (fromPythonpath.isPresent()) {
            return fromPythonpath.get();
        }
        String src = RepoPaths.join(project, "src");
        return RepoPaths.within(path, src) ? src : project;
    }

    /** The module name, widened by its packages until no other source of the project shares it. */
    private String uniqueStem(String path, String project) {
        List<String> own = modulePath(path);
        List<List<String>> others = conventions.pythonModulesNamed(moduleName(path)).stream()
                .filter(other -> !other.equals(path))
                .filter(other ->
                        conventions.pythonProjectRoot(RepoPaths.folder(other)).equals(project))
                .map(this::modulePath)
                .toList();
        for (int k = 1; k <= own.size(); k++) {
            List<String> suffix = own.subList(own.size() - k, own.size());
            int size = k;
            if (others.stream()
                    .noneMatch(o -> o.size() >= size
                            && o.subList(o.size() - size, o.size()).equals(suffix))) {
                return String.join("_", suffix);
            }
        }
        return String.join("_", own);
    }

    private static List<String> publicNames(List<Unit> units) {
        return units.stream()
                .filter(u -> u.kind().equals("function") || u.kind().equals("class"))
                .map(Unit::name)
                .filter(n -> !n.startsWith("_"))
                .distinct()
                .toList();
    }

    static String importLine(String dotted, List<String> module, List<String> names) {
        boolean importable = module.stream().allMatch(s -> IDENTIFIER.matcher(s).matches() && !KEYWORDS.contains(s));
        if (!importable) {
            return "importlib.import_module(\"" + dotted + "\") (the module's name is not a Python identifier)";
        }
        return names.isEmpty() ? "import " + dotted : "from " + dotted + " import " + String.join(", ", names);
    }
}
