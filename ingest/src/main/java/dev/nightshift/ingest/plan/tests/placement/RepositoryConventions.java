package dev.nightshift.ingest.plan.tests.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the repository says about where its tests live and how they run, gathered in the first pass over the
 * snapshot: build and runner configuration files by folder (Maven/Gradle, pytest's four config files and
 * requirements, package.json and Mocha/Jest/Vitest configs, go.mod), the paths of its existing tests, and the
 * module names of its Python and JavaScript sources (so that tests gathered in one folder get names that
 * cannot collide). It keeps facts, never file contents.
 */
public final class RepositoryConventions {
    private static final Set<String> JAVA_BUILD_FILES = Set.of("pom.xml", "build.gradle", "build.gradle.kts");
    /** Files that make their folder the root of a Python project (where pytest runs and tests/ sits). */
    private static final Set<String> PYTHON_PROJECT_FILES =
            Set.of("pyproject.toml", "setup.cfg", "setup.py", "pytest.ini", ".pytest.ini", "tox.ini");

    private static final Pattern PYTHON_DEPENDENCY_FILE =
            Pattern.compile("requirements.*\\.txt|Pipfile|environment\\.ya?ml");
    private static final Pattern NODE_CONFIG_FILE = Pattern.compile(
            "package\\.json|\\.mocharc\\.(?:js|cjs|mjs|json|jsonc|ya?ml)|(?:jest|vitest|vite)\\.config\\.(?:[cm]?[jt]s|json)");
    /** Test libraries a generated Python test may use when the project declares them. */
    private static final List<String> PYTHON_LIBRARIES =
            List.of("pytest-mock", "pytest-asyncio", "hypothesis", "freezegun", "responses");
    /** Assertion, mocking and HTTP-testing libraries a generated JavaScript test may use when declared. */
    private static final List<String> JS_LIBRARIES = List.of(
            "chai",
            "chai-as-promised",
            "sinon",
            "sinon-chai",
            "supertest",
            "nock",
            "msw",
            "jsdom",
            "proxyquire",
            "testdouble",
            "@testing-library/react",
            "@testing-library/dom",
            "@testing-library/jest-dom",
            "@testing-library/user-event",
            "@testing-library/vue");

    private static final Map<String, String> GO_LIBRARIES =
            Map.of("github.com/stretchr/testify", "testify", "github.com/google/go-cmp", "go-cmp");

    private final Map<String, JavaBuild> javaBuilds = new HashMap<>();
    private final Map<String, PytestConfig> pytestConfigs = new HashMap<>();
    private final Set<String> pythonProjects = new TreeSet<>();
    private final Set<String> pythonLibraries = new TreeSet<>();
    private boolean pytestDeclared;
    private int pytestStyleTests;
    private int unittestStyleTests;
    private final Map<String, NodeFolder> nodeFolders = new HashMap<>();
    private final Map<String, Set<String>> goModules = new HashMap<>();
    private final Set<String> testPaths = new TreeSet<>();
    private final Map<String, List<String>> pythonModules = new HashMap<>();
    private final Map<String, List<String>> jsModules = new HashMap<>();

    /** Whether the first pass should hand this file to {@link #read}. */
    public static boolean reads(String path) {
        String name = RepoPaths.name(path);
        return JAVA_BUILD_FILES.contains(name)
                || PYTHON_PROJECT_FILES.contains(name)
                || PYTHON_DEPENDENCY_FILE.matcher(name).matches()
                || isRequirementsFolderFile(path)
                || NODE_CONFIG_FILE.matcher(name).matches()
                || name.equals("go.mod");
    }

    private static boolean isRequirementsFolderFile(String path) {
        return RepoPaths.name(RepoPaths.folder(path)).equals("requirements") && path.endsWith(".txt");
    }

    /** Reads one build or runner configuration file that {@link #reads} accepted. */
    public void read(String path, String text) {
        String name = RepoPaths.name(path);
        String folder = RepoPaths.folder(path);
        if (JAVA_BUILD_FILES.contains(name)) {
            JavaBuild build = JavaBuild.read(name, text);
            // pom.xml and build.gradle side by side: the one that names a JUnit wins.
            javaBuilds.merge(folder, build, (a, b) -> a.junit() != null ? a : b);
        }
        if (PYTHON_PROJECT_FILES.contains(name)
                || PYTHON_DEPENDENCY_FILE.matcher(name).matches()
                || isRequirementsFolderFile(path)) {
            readPython(name, folder, text);
        }
        if (NODE_CONFIG_FILE.matcher(name).matches()) {
            nodeFolders.computeIfAbsent(folder, f -> new NodeFolder()).read(name, text);
        }
        if (name.equals("go.mod")) {
            Set<String> libraries = goModules.computeIfAbsent(folder, f -> new TreeSet<>());
            GO_LIBRARIES.forEach((module, library) -> {
                if (text.contains(module)) {
                    libraries.add(library);
                }
            });
        }
    }

    private void readPython(String name, String folder, String text) {
        if (PYTHON_PROJECT_FILES.contains(name)) {
            pythonProjects.add(folder);
        }
        PytestConfig.read(name, text)
                .ifPresent(c -> pytestConfigs.merge(folder, c, (a, b) -> a.rank() <= b.rank() ? a : b));
        if (text.contains("pytest")) {
            pytestDeclared = true;
        }
        for (String library : PYTHON_LIBRARIES) {
            if (Pattern.compile("(?i)(?<![\\w-])" + Pattern.quote(library) + "(?![\\w-])")
                    .matcher(text)
                    .find()) {
                pythonLibraries.add(library);
            }
        }
    }

    /** An existing test file, with its text when it is Python (to tell pytest suites from unittest ones). */
    public void addTest(String path, String text) {
        testPaths.add(path);
        if (path.endsWith(".py") && text != null) {
            switch (PythonTestStyle.of(text)) {
                case PYTEST -> pytestStyleTests++;
                case UNITTEST -> unittestStyleTests++;
                default -> {}
            }
        }
    }

    /** A source file (not a test), by language: Python and JavaScript module names are kept for collisions. */
    public void addSource(String path, String language) {
        if (language.equals("python")) {
            pythonModules
                    .computeIfAbsent(PythonPlacement.moduleName(path), k -> new ArrayList<>(1))
                    .add(path);
        } else if (language.equals("javascript") || language.equals("typescript")) {
            jsModules
                    .computeIfAbsent(RepoPaths.stem(path), k -> new ArrayList<>(1))
                    .add(path);
        }
    }

    // What the placements ask.

    /** Maven/Gradle builds from the file's folder up to the root, nearest first. */
    List<JavaBuild> javaBuildsAbove(String folder) {
        List<JavaBuild> chain = new ArrayList<>();
        for (String f : RepoPaths.upward(folder)) {
            JavaBuild b = javaBuilds.get(f);
            if (b != null) {
                chain.add(b);
            }
        }
        return chain;
    }

    /** The nearest folder at or above {@code folder} holding a Python project file, else the root. */
    String pythonProjectRoot(String folder) {
        return RepoPaths.upward(folder).stream()
                .filter(pythonProjects::contains)
                .findFirst()
                .orElse("");
    }

    Optional<PytestConfig> pytestConfig(String projectRoot) {
        return Optional.ofNullable(pytestConfigs.get(projectRoot));
    }

    /**
     * True when the repository clearly runs unittest only: no pytest in any config or requirements, and every
     * existing Python test that shows a style is a {@code unittest.TestCase} module.
     */
    boolean unittestOnly() {
        return !pytestDeclared && unittestStyleTests > 0 && pytestStyleTests == 0;
    }

    List<String> pythonLibraries() {
        return List.copyOf(pythonLibraries);
    }

    /** Package folders and runner-config folders from {@code folder} up to the root, nearest first. */
    List<Map.Entry<String, NodeFolder>> nodeFoldersAbove(String folder) {
        List<Map.Entry<String, NodeFolder>> chain = new ArrayList<>();
        for (String f : RepoPaths.upward(folder)) {
            NodeFolder n = nodeFolders.get(f);
            if (n != null) {
                chain.add(Map.entry(f, n));
            }
        }
        return chain;
    }

    /** JavaScript libraries declared in the package.json files from {@code folder} up, in a fixed order. */
    List<String> jsLibraries(String folder) {
        Set<String> declared = new TreeSet<>();
        nodeFoldersAbove(folder).forEach(e -> declared.addAll(e.getValue().dependencies));
        return JS_LIBRARIES.stream().filter(declared::contains).toList();
    }

    /** Go test libraries required by the nearest go.mod at or above {@code folder}. */
    List<String> goLibraries(String folder) {
        return RepoPaths.upward(folder).stream()
                .filter(goModules::containsKey)
                .findFirst()
                .map(f -> List.copyOf(goModules.get(f)))
                .orElse(List.of());
    }

    /** Existing test files, in path order. */
    Set<String> testPaths() {
        return testPaths;
    }

    boolean isTest(String path) {
        return testPaths.contains(path);
    }

    /** Python sources with the same module name (last dotted segment), this one included. */
    List<String> pythonModulesNamed(String moduleName) {
        return pythonModules.getOrDefault(moduleName, List.of());
    }

    /** JavaScript/TypeScript sources with the same file stem, this one included. */
    List<String> jsModulesNamed(String stem) {
        return jsModules.getOrDefault(stem, List.of());
    }
}
