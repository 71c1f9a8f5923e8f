package dev.nightshift.validator.runner.python;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code pip install} gets for a checkout, from the dependencies the repository declares:
 * <ul>
 *   <li>an installable project (a {@code pyproject.toml} with {@code [project]}, {@code [build-system]} or
 *       {@code [tool.poetry]}, or a {@code setup.py}/{@code setup.cfg}) is installed editable, {@code -e .},
 *       with those of its extras named {@code test}, {@code tests}, {@code testing} or {@code dev}: editable so
 *       that coverage sees the checkout's own files, not a copy in site-packages;</li>
 *   <li>requirement files at the root: all {@code requirements*.txt} when the project is not installable,
 *       otherwise only those for tests or development ({@code requirements-dev.txt},
 *       {@code test-requirements.txt}, …), where test-only dependencies usually live;</li>
 *   <li>pytest and coverage, which the validator runs every candidate with; already-installed versions
 *       (the repository's pins) are kept.</li>
 * </ul>
 */
final class ProjectInstall {
    static final List<String> TEST_EXTRAS = List.of("test", "tests", "testing", "dev");
    private static final Pattern TOML_SECTION = Pattern.compile("(?m)^\\s*\\[([^\\]]+)]\\s*$");
    private static final Pattern KEY = Pattern.compile("(?m)^\\s*[\"']?([A-Za-z0-9_.-]+)[\"']?\\s*=");

    private ProjectInstall() {}

    /** The arguments after {@code pip install}. */
    static List<String> pipArguments(Path checkout) throws IOException {
        List<String> args = new ArrayList<>();
        boolean installable = installable(checkout);
        if (installable) {
            Set<String> extras = extras(checkout);
            args.add("-e");
            args.add(extras.isEmpty() ? "." : ".[" + String.join(",", extras) + "]");
        }
        for (Path requirements : requirementFiles(checkout)) {
            String name = requirements.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!installable || name.contains("test") || name.contains("dev")) {
                args.add("-r");
                args.add(requirements.getFileName().toString());
            }
        }
        args.add("pytest");
        args.add("coverage");
        return args;
    }

    static boolean installable(Path checkout) throws IOException {
        if (Files.isRegularFile(checkout.resolve("setup.py")) || Files.isRegularFile(checkout.resolve("setup.cfg"))) {
            return true;
        }
        String pyproject = read(checkout.resolve("pyproject.toml"));
        return hasSection(pyproject, "project")
                || hasSection(pyproject, "build-system")
                || hasSection(pyproject, "tool.poetry");
    }

    /** The test and development extras the project declares, in the order of {@link #TEST_EXTRAS}. */
    static Set<String> extras(Path checkout) throws IOException {
        Set<String> declared = new LinkedHashSet<>();
        declared.addAll(keys(section(read(checkout.resolve("pyproject.toml")), "project.optional-dependencies")));
        declared.addAll(keys(section(read(checkout.resolve("setup.cfg")), "options.extras_require")));
        String setupPy = read(checkout.resolve("setup.py"));
        int extrasRequire = setupPy.indexOf("extras_require");
        if (extrasRequire >= 0) {
            Matcher m = Pattern.compile("[\"']([A-Za-z0-9_.-]+)[\"']\\s*:").matcher(setupPy.substring(extrasRequire));
            while (m.find()) {
                declared.add(m.group(1));
            }
        }
        Set<String> extras = new LinkedHashSet<>();
        for (String extra : TEST_EXTRAS) {
            if (declared.contains(extra)) {
                extras.add(extra);
            }
        }
        return extras;
    }

    private static List<Path> requirementFiles(Path checkout) throws IOException {
        try (Stream<Path> files = Files.list(checkout)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".txt")
                                && (name.startsWith("requirements") || name.endsWith("requirements.txt"));
                    })
                    .sorted()
                    .toList();
        }
    }

    static boolean hasSection(String text, String name) {
        Matcher m = TOML_SECTION.matcher(text);
        while (m.find()) {
            if (m.group(1).strip().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The body of a TOML or INI section, up to the next section header; empty when absent. */
    static String section(String text, String name) {
        Matcher m = TOML_SECTION.matcher(text);
        while (m.find()) {
            if (m.group(1).strip().equals(name)) {
                int start = m.end();
                return m.find() ? text.substring(start, m.start()) : text.substring(start);
            }
        }
        return "";
    }

    private static List<String> keys(String section) {
        List<String> keys = new ArrayList<>();
        Matcher m = KEY.matcher(section);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
