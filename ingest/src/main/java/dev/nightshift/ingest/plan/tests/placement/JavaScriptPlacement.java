package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.unit.Unit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * JavaScript and TypeScript: the runner comes from {@link JsRunner}; the test file follows the package's existing
 * tests (beside the source, in {@code __tests__/}, or in a top-level {@code test/}-like folder; {@code .test},
 * {@code .spec} or plain names), else beside the source as {@code foo.test.js}, else in {@code __tests__/}, else in
 * the folders the runner's patterns name, else in {@code test/} — the first of these the runner actually collects.
 * Tests gathered in one folder are named by the shortest path suffix no other source of the package shares
 * ({@code utils-index.test.js}). The import is relative to the test file: {@code import … from '../lib/foo.js'}
 * for ES modules (package {@code "type": "module"}, {@code .mjs}, TypeScript, {@code import}/{@code export} syntax,
 * or Vitest), else {@code require('../lib/foo')}.
 */
final class JavaScriptPlacement {
    private static final Map<String, List<String>> TEST_EXTENSIONS = Map.of(
            "js",
            List.of("js"),
            "mjs",
            List.of("mjs"),
            "cjs",
            List.of("cjs", "js"),
            "jsx",
            List.of("jsx", "js"),
            "ts",
            List.of("ts"),
            "mts",
            List.of("mts", "ts"),
            "cts",
            List.of("cts", "ts"),
            "tsx",
            List.of("tsx", "ts"));
    private static final List<String> TEST_FOLDERS = List.of("test", "tests", "spec", "specs", "__test__");
    private static final List<String> SUFFIXES = List.of(".test", ".spec", "");
    private static final Pattern TYPESCRIPT = Pattern.compile("[cm]?tsx?");

    private final RepositoryConventions conventions;
    /** Per folder and per package, computed once: a repository has far more files than folders. */
    private final Map<String, Optional<JsRunner>> runners = new HashMap<>();

    private final Map<String, Map<String, Integer>> styles = new HashMap<>();

    JavaScriptPlacement(RepositoryConventions conventions) {
        this.conventions = conventions;
    }

    /** A folder for the test file and the suffix before its extension; {@code gathered} when many sources' tests share it. */
    private record Location(String folder, String suffix, boolean gathered) {}

    Optional<PlacedFile> place(SourceFile file, int parts) {
        String path = file.path();
        String extension = RepoPaths.extension(path);
        List<String> testExtensions = TEST_EXTENSIONS.get(extension);
        if (testExtensions == null) {
            return Optional.empty();
        }
        String folder = RepoPaths.folder(path);
        Optional<JsRunner> found = runners.computeIfAbsent(folder, f -> JsRunner.forFolder(conventions, f));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsRunner runner = found.get();
        List<Map.Entry<String, NodeFolder>> packages = conventions.nodeFoldersAbove(folder).stream()
                .filter(e -> e.getValue().isPackage)
                .toList();
        String packageRoot =
                packages.isEmpty() ? runner.root() : packages.get(0).getKey();
        boolean typeModule = !packages.isEmpty() && packages.get(0).getValue().typeModule;
        JsExports exports = JsExports.of(file.text());
        List<String> libraries = conventions.jsLibraries(folder);
        for (Location location : locations(runner, packageRoot, folder)) {
            String base = location.gathered() ? gatheredStem(path, packageRoot) : RepoPaths.stem(path);
            for (String testExtension : testExtensions) {
                TestFileNaming naming = naming(location, testExtension);
                Optional<String> stem = naming.freeStem(base, parts, this::taken, runner::collects);
                if (stem.isPresent() && !naming.file(stem.get()).path().equals(path)) {
                    ImportStyle style = new ImportStyle(path, runner.framework(), typeModule, exports);
                    return Optional.of(new PlacedFile(
                            path,
                            runner.framework(),
                            libraries,
                            naming,
                            stem.get(),
                            (test, units) -> style.line(test.path(), units)));
                }
            }
        }
        return Optional.empty();
    }

    private boolean taken(String path) {
        return conventions.isTest(path)
                || conventions.jsModulesNamed(RepoPaths.stem(path)).contains(path);
    }

    private static TestFileNaming naming(Location location, String extension) {
        return new TestFileNaming() {
            @Override
            public TestFileName file(String stem) {
                return new TestFileName(
                        RepoPaths.join(location.folder(), stem + location.suffix() + "." + extension), stem);
            }

            @Override
            public String join(String stem, String word) {
                return stem + "." + word;
            }
        };
    }

    /** Candidate places, best first; the first the runner collects wins. */
    private List<Location> locations(JsRunner runner, String packageRoot, String sourceFolder) {
        Optional<Location> existing = existingStyle(packageRoot, sourceFolder);
        Set<String> suffixes = new LinkedHashSet<>();
        existing.ifPresent(e -> suffixes.add(e.suffix()));
        suffixes.addAll(SUFFIXES);
        List<Location> out = new ArrayList<>();
        existing.ifPresent(out::add);
        out.add(new Location(sourceFolder, ".test", false));
        out.add(new Location(sourceFolder, ".spec", false));
        out.add(new Location(RepoPaths.join(sourceFolder, "__tests__"), ".test", false));
        out.add(new Location(RepoPaths.join(sourceFolder, "__tests__"), "", false));
        for (String configured : runner.folders()) {
            suffixes.forEach(s -> out.add(new Location(RepoPaths.join(runner.root(), configured), s, true)));
        }
        for (String testFolder : TEST_FOLDERS) {
            suffixes.forEach(s -> out.add(new Location(RepoPaths.join(packageRoot, testFolder), s, true)));
        }
        return out;
    }

    /** The most common place and suffix of the package's existing JavaScript/TypeScript tests. */
    private Optional<Location> existingStyle(String packageRoot, String sourceFolder) {
        return styles.computeIfAbsent(packageRoot, this::styleCounts).entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(e -> {
                    String[] key = e.getKey().split("\\|", -1);
                    return switch (key[0]) {
                        case "__tests__" -> new Location(RepoPaths.join(sourceFolder, "__tests__"), key[1], false);
                        case "beside" -> new Location(sourceFolder, key[1], false);
                        default ->
                            new Location(
                                    RepoPaths.join(packageRoot, key[0].substring("folder:".length())), key[1], true);
                    };
                });
    }

    /** Existing tests of a package by place and suffix ({@code folder:test|.spec}), in a fixed order for ties. */
    private Map<String, Integer> styleCounts(String packageRoot) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String test : conventions.testPaths()) {
            if (!RepoPaths.within(test, packageRoot)
                    || !TEST_EXTENSIONS.containsKey(RepoPaths.extension(test))
                    || test.contains("node_modules/")) {
                continue;
            }
            String relative = RepoPaths.under(test, packageRoot);
            String first = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
            String place = ("/" + relative).contains("/__tests__/")
                    ? "__tests__"
                    : TEST_FOLDERS.contains(first) ? "folder:" + first : "beside";
            String stem = RepoPaths.stem(test);
            String suffix = stem.endsWith(".test") ? ".test" : stem.endsWith(".spec") ? ".spec" : "";
            counts.merge(place + "|" + suffix, 1, Integer::sum);
        }
        // A plain name beside the sources is not a test convention we can follow (it would look like a source).
        counts.remove("beside|");
        return counts;
    }

    /** The file's stem, widened by its folders ({@code utils-index}) until no other source of the package shares it. */
    private String gatheredStem(String path, String packageRoot) {
        List<String> own = segments(path, packageRoot);
        List<List<String>> others = conventions.jsModulesNamed(RepoPaths.stem(path)).stream()
                .filter(o -> !o.equals(path) && RepoPaths.within(o, packageRoot))
                .map(o -> segments(o, packageRoot))
                .toList();
        // "index" alone says nothing about the module: start from its folder's name.
        int from = own.get(own.size() - 1).equals("index") && own.size() > 1 ? 2 : 1;
        for (int k = from; k <= own.size(); k++) {
            List<String> suffix = own.subList(own.size() - k, own.size());
            int size = k;
            if (others.stream()
                    .noneMatch(o -> o.size() >= size
                            && o.subList(o.size() - size, o.size()).equals(suffix))) {
                return String.join("-", suffix);
            }
        }
        return String.join("-", own);
    }

    private static List<String> segments(String path, String packageRoot) {
        String relative = RepoPaths.under(path, packageRoot);
        List<String> segments =
                new ArrayList<>(List.of(RepoPaths.join(RepoPaths.folder(relative), RepoPaths.stem(relative))
                        .split("/")));
        if (segments.size() > 1
                && (segments.get(0).equals("src") || segments.get(0).equals("lib"))) {
            segments.remove(0);
        }
        return segments;
    }

    /** How a test file reaches one source module: ES import or require, and the specifier's extension. */
    private record ImportStyle(String sourcePath, TestFramework framework, boolean typeModule, JsExports exports) {
        String line(String testPath, List<Unit> units) {
            String testExtension = RepoPaths.extension(testPath);
            String sourceExtension = RepoPaths.extension(sourcePath);
            boolean typescript = TYPESCRIPT.matcher(sourceExtension).matches();
            boolean esm = TYPESCRIPT.matcher(testExtension).matches()
                    || testExtension.equals("mjs")
                    || !testExtension.equals("cjs")
                            && (typeModule || exports.esmSyntax() || framework == TestFramework.VITEST);
            String specifier = RepoPaths.relative(RepoPaths.folder(testPath), sourcePath);
            // Node resolves ES modules by full name; bundlers and TypeScript resolve without one; require adds .js.
            boolean keepExtension =
                    typescript ? framework == TestFramework.NODE_TEST : esm || !sourceExtension.equals("js");
            if (!keepExtension) {
                specifier = specifier.substring(0, specifier.length() - sourceExtension.length() - 1);
            }
            JsExports.Imported imported = exports.importedBy(units);
            String defaultName = exports.defaultName() != null ? exports.defaultName() : identifier(sourcePath);
            String names = String.join(", ", imported.names());
            if (esm) {
                String what = imported.withDefault() && !imported.names().isEmpty()
                        ? defaultName + ", { " + names + " }"
                        : imported.withDefault()
                                ? defaultName
                                : !imported.names().isEmpty() ? "{ " + names + " }" : "* as " + identifier(sourcePath);
                return "import " + what + " from '" + specifier + "'";
            }
            String what = imported.withDefault()
                    ? defaultName
                    : !imported.names().isEmpty() ? "{ " + names + " }" : identifier(sourcePath);
            return "const " + what + " = require('" + specifier + "')";
        }

        /** A camelCase identifier for a module: its stem, or its folder's name for an index file. */
        private static String identifier(String path) {
            String stem = RepoPaths.stem(path);
            if (stem.equals("index") && !RepoPaths.folder(path).isEmpty()) {
                stem = RepoPaths.name(RepoPaths.folder(path));
            }
            StringBuilder sb = new StringBuilder();
            boolean upper = false;
            for (int i = 0; i < stem.length(); i++) {
                char c = stem.charAt(i);
                if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                    sb.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                } else {
                    upper = sb.length() > 0;
                }
            }
            if (sb.length() == 0 || Character.isDigit(sb.charAt(0))) {
                sb.insert(0, '_');
            }
            return sb.toString();
        }
    }
}
