package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.core.validation.TestFramework;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The JavaScript test runner that runs a source file's tests, and which files it collects.
 *
 * <p>The runner is the one the nearest package's {@code scripts.test} starts; else the one its runner config file
 * ({@code vitest.config.*}, {@code jest.config.*} or a {@code jest} key, {@code .mocharc.*} or a {@code mocha} key)
 * belongs to; else the first of vitest, jest, mocha among its dependencies; else the same questions one package up;
 * else {@code node --test}. A script starting a runner we do not write tests for (ava, tap, karma, …) means no
 * runner. Which files it collects comes from its options (Mocha's {@code spec}, {@code recursive} and
 * {@code extension} or the script's paths; Jest's {@code testMatch}, {@code testRegex} and {@code roots}; Vitest's
 * {@code test.include}; {@code node --test}'s paths), else its documented defaults.
 *
 * @param root    the folder the runner runs in (its patterns are relative to it)
 * @param folders folders its patterns name ({@code test/unit} of {@code test/unit/**}{@code /*.spec.js}), relative to root
 */
record JsRunner(
        TestFramework framework,
        String root,
        List<Predicate<String>> patterns,
        List<String> folders,
        List<String> roots) {
    static final List<String> JEST_DEFAULT = List.of("**/__tests__/**/*.[jt]s?(x)", "**/?(*.)+(spec|test).[jt]s?(x)");
    static final List<String> VITEST_DEFAULT = List.of("**/*.{test,spec}.?(c|m)[jt]s?(x)");
    /** node --test's default names (Node 21+), TypeScript included for Node's type stripping. */
    static final List<String> NODE_DEFAULT = List.of(
            "**/*.test.?(c|m)[jt]s",
            "**/*-test.?(c|m)[jt]s",
            "**/*_test.?(c|m)[jt]s",
            "**/test-*.?(c|m)[jt]s",
            "**/test.?(c|m)[jt]s",
            "**/test/**/*.?(c|m)[jt]s");

    private static final List<String> MOCHA_EXTENSIONS = List.of("js", "cjs", "mjs");
    private static final Set<String> MOCHA_VALUE_OPTIONS = Set.of(
            "-r",
            "--require",
            "-R",
            "--reporter",
            "-O",
            "--reporter-option",
            "--reporter-options",
            "-t",
            "--timeout",
            "-s",
            "--slow",
            "-u",
            "--ui",
            "-g",
            "--grep",
            "-f",
            "--fgrep",
            "--config",
            "--package",
            "--extension",
            "--ignore",
            "--exclude",
            "--file",
            "-j",
            "--jobs",
            "--spec",
            "--retries",
            "-n",
            "--node-option");
    private static final Set<String> NODE_VALUE_OPTIONS = Set.of(
            "-r",
            "--require",
            "--import",
            "--loader",
            "--experimental-loader",
            "--test-reporter",
            "--test-reporter-destination",
            "--test-name-pattern",
            "--test-skip-pattern",
            "--test-concurrency",
            "--test-timeout",
            "--env-file",
            "--conditions",
            "-C");

    JsRunner {
        patterns = List.copyOf(patterns);
        folders = List.copyOf(folders);
        roots = List.copyOf(roots);
    }

    /** Whether the runner collects a file at this repository path. */
    boolean collects(String path) {
        if (!RepoPaths.within(path, root) || path.contains("/node_modules/")) {
            return false;
        }
        String relative = RepoPaths.under(path, root);
        if (!roots.isEmpty() && roots.stream().noneMatch(r -> RepoPaths.within(relative, r))) {
            return false;
        }
        return patterns.stream().anyMatch(p -> p.test(relative));
    }

    /** The runner for a source file in {@code folder}; empty when its tests run under a runner we do not write for. */
    static Optional<JsRunner> forFolder(RepositoryConventions conventions, String folder) {
        List<Map.Entry<String, NodeFolder>> chain = conventions.nodeFoldersAbove(folder);
        for (Map.Entry<String, NodeFolder> entry : chain) {
            String at = entry.getKey();
            NodeFolder node = entry.getValue();
            Optional<TestCommand> command = node.isPackage ? TestCommand.of(node.scripts) : Optional.empty();
            if (command.isPresent()) {
                TestCommand c = command.get();
                return switch (c.runner()) {
                    case "vitest" -> Optional.of(vitest(at, node));
                    case "jest" -> Optional.of(jest(at, node));
                    case "mocha" -> Optional.of(mocha(at, node, c));
                    case TestCommand.NODE_TEST -> Optional.of(nodeTest(at, c));
                    default -> Optional.empty();
                };
            }
            if (node.vitestConfig) {
                return Optional.of(vitest(at, node));
            }
            if (node.jestConfig) {
                return Optional.of(jest(at, node));
            }
            if (node.mochaConfig) {
                return Optional.of(mocha(at, node, null));
            }
            if (node.dependencies.contains("vitest")) {
                return Optional.of(vitest(at, node));
            }
            if (node.dependencies.contains("jest")) {
                return Optional.of(jest(at, node));
            }
            if (node.dependencies.contains("mocha")) {
                return Optional.of(mocha(at, node, null));
            }
        }
        String packageRoot = chain.stream()
                .filter(e -> e.getValue().isPackage)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("");
        return Optional.of(nodeTest(packageRoot, null));
    }

    private static JsRunner vitest(String root, NodeFolder node) {
        List<String> include = node.vitestInclude.isEmpty() ? VITEST_DEFAULT : node.vitestInclude;
        return globs(TestFramework.VITEST, root, include, List.of());
    }

    private static JsRunner jest(String root, NodeFolder node) {
        List<String> roots = node.jestRoots.stream()
                .map(JsRunner::withoutRootDir)
                .filter(r -> !r.isEmpty())
                .toList();
        if (node.jestTestMatch.isEmpty() && !node.jestTestRegex.isEmpty()) {
            List<Predicate<String>> regexes = new ArrayList<>();
            for (String regex : node.jestTestRegex) {
                try {
                    Pattern p = Pattern.compile(regex);
                    // Jest matches testRegex against the absolute path.
                    regexes.add(relative -> p.matcher("/" + relative).find());
                } catch (PatternSyntaxException notJava) {
                    // A JavaScript-only regex feature: that pattern cannot be checked, so it accepts nothing.
                }
            }
            return new JsRunner(TestFramework.JEST, root, regexes, List.of(), roots);
        }
        List<String> match = node.jestTestMatch.isEmpty()
                ? JEST_DEFAULT
                : node.jestTestMatch.stream().map(JsRunner::withoutRootDir).toList();
        return globs(TestFramework.JEST, root, match, roots);
    }

    /** Mocha's specs: the script's paths, else the config's {@code spec}, else {@code ./test}; a folder means its files. */
    private static JsRunner mocha(String root, NodeFolder node, TestCommand command) {
        List<String> specs = new ArrayList<>();
        List<String> extensions = new ArrayList<>(MOCHA_EXTENSIONS);
        extensions.addAll(node.mochaExtensions);
        boolean recursive = node.mochaRecursive;
        if (command != null) {
            specs.addAll(command.positional(MOCHA_VALUE_OPTIONS));
            specs.addAll(command.option("--spec"));
            extensions.addAll(command.option("--extension"));
            recursive |= command.args().contains("--recursive");
        }
        if (specs.isEmpty()) {
            specs.addAll(node.mochaSpec);
        }
        if (specs.isEmpty()) {
            specs.add("./test");
        }
        String any = "{" + String.join(",", extensions.stream().distinct().toList()) + "}";
        List<String> globs = new ArrayList<>();
        for (String spec : specs) {
            if (isGlobOrFile(spec)) {
                globs.add(spec);
            } else {
                String dir = RepoPaths.join("", spec);
                globs.add((dir.isEmpty() ? "" : dir + "/") + (recursive ? "**/*." : "*.") + any);
            }
        }
        return globs(TestFramework.MOCHA, root, globs, List.of());
    }

    /** node --test: its paths (a folder means the default names inside it), else the default names anywhere. */
    private static JsRunner nodeTest(String root, TestCommand command) {
        List<String> paths = command == null ? List.of() : command.positional(NODE_VALUE_OPTIONS);
        if (paths.isEmpty()) {
            return globs(TestFramework.NODE_TEST, root, NODE_DEFAULT, List.of());
        }
        List<Predicate<String>> patterns = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        List<Glob> defaults = NODE_DEFAULT.stream().map(Glob::of).toList();
        for (String path : paths) {
            if (isGlobOrFile(path)) {
                Glob glob = Glob.of(path);
                patterns.add(glob::matches);
                if (!glob.staticFolder().isEmpty()) {
                    folders.add(glob.staticFolder());
                }
            } else {
                String folder = RepoPaths.join("", path);
                patterns.add(relative ->
                        RepoPaths.within(relative, folder) && defaults.stream().anyMatch(d -> d.matches(relative)));
                folders.add(folder);
            }
        }
        return new JsRunner(TestFramework.NODE_TEST, root, patterns, folders, List.of());
    }

    private static JsRunner globs(TestFramework framework, String root, List<String> globs, List<String> roots) {
        List<Predicate<String>> patterns = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        for (String g : globs) {
            Glob glob = Glob.of(g);
            patterns.add(glob::matches);
            if (!glob.staticFolder().isEmpty() && !folders.contains(glob.staticFolder())) {
                folders.add(glob.staticFolder());
            }
        }
        return new JsRunner(framework, root, patterns, folders, roots);
    }

    private static boolean isGlobOrFile(String spec) {
        return spec.matches(".*[*?\\[{].*") || spec.matches(".*\\.[cm]?[jt]sx?$");
    }

    private static String withoutRootDir(String pattern) {
        String p = pattern.replace("<rootDir>/", "").replace("<rootDir>", "");
        return p.startsWith("/") ? p.substring(1) : p;
    }
}
