package dev.nightshift.ingest.plan.tests;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Detects each language's test framework from the repository's build files (pom.xml, Gradle,
 * package.json, pyproject.toml, go.mod, Cargo.toml, Gemfile, composer.json, .csproj, CMakeLists.txt …),
 * falling back to the ecosystem's default. The first build file that names a framework wins.
 */
public final class TestFrameworks {
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("java", "JUnit 5"),
            Map.entry("kotlin", "JUnit 5"),
            Map.entry("python", "pytest"),
            Map.entry("javascript", "Jest"),
            Map.entry("typescript", "Jest"),
            Map.entry("go", "Go testing"),
            Map.entry("rust", "Rust #[test]"),
            Map.entry("c", "GoogleTest"),
            Map.entry("cpp", "GoogleTest"),
            Map.entry("csharp", "xUnit"),
            Map.entry("ruby", "RSpec"),
            Map.entry("php", "PHPUnit"));

    private final Map<String, String> detected = new HashMap<>();

    /** Whether a file's name marks it as a build file worth reading. */
    public static boolean isBuildFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return List.of(
                                "pom.xml",
                                "build.gradle",
                                "build.gradle.kts",
                                "package.json",
                                "pyproject.toml",
                                "setup.cfg",
                                "pytest.ini",
                                "tox.ini",
                                "requirements.txt",
                                "requirements-dev.txt",
                                "go.mod",
                                "Cargo.toml",
                                "Gemfile",
                                "composer.json",
                                "CMakeLists.txt")
                        .contains(name)
                || name.endsWith(".csproj");
    }

    /** Reads one build file. */
    public void read(String path, String text) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        switch (name) {
            case "pom.xml", "build.gradle", "build.gradle.kts" -> {
                String fw = text.contains("junit-jupiter") || text.contains("useJUnitPlatform")
                        ? "JUnit 5"
                        : text.contains("testng")
                                ? "TestNG"
                                : text.contains("<artifactId>junit</artifactId>") || text.contains("junit:junit")
                                        ? "JUnit 4"
                                        : null;
                put("java", fw);
                put("kotlin", text.contains("kotest") ? "Kotest" : fw);
            }
            case "package.json" -> {
                String fw = text.contains("\"vitest\"")
                        ? "Vitest"
                        : text.contains("\"jest\"")
                                ? "Jest"
                                : text.contains("\"mocha\"")
                                        ? "Mocha"
                                        : text.contains("\"jasmine\"") ? "Jasmine" : null;
                put("javascript", fw);
                put("typescript", fw);
            }
            case "pyproject.toml", "setup.cfg", "pytest.ini", "tox.ini", "requirements.txt", "requirements-dev.txt" ->
                put("python", text.contains("pytest") ? "pytest" : null);
            case "go.mod" ->
                put("go", text.contains("github.com/stretchr/testify") ? "Go testing with testify" : "Go testing");
            case "Cargo.toml" -> put("rust", "Rust #[test]");
            case "Gemfile" ->
                put("ruby", text.contains("rspec") ? "RSpec" : text.contains("minitest") ? "Minitest" : null);
            case "composer.json" ->
                put("php", text.contains("phpunit") ? "PHPUnit" : text.contains("pestphp") ? "Pest" : null);
            case "CMakeLists.txt" -> {
                String fw = text.contains("GTest") || text.contains("gtest")
                        ? "GoogleTest"
                        : text.contains("Catch2") ? "Catch2" : null;
                put("cpp", fw);
                put("c", text.contains("Unity") ? "Unity" : fw);
            }
            default -> {
                if (name.endsWith(".csproj")) {
                    put(
                            "csharp",
                            text.contains("xunit")
                                    ? "xUnit"
                                    : text.contains("NUnit") ? "NUnit" : text.contains("MSTest") ? "MSTest" : null);
                }
            }
        }
    }

    private void put(String language, String framework) {
        if (framework != null) {
            detected.putIfAbsent(language, framework);
        }
    }

    /** The framework for a language: detected, or the ecosystem's default, or empty for others. */
    public Optional<String> forLanguage(String language) {
        return Optional.ofNullable(detected.getOrDefault(language, DEFAULTS.get(language)));
    }

    /** Whether the framework came from a build file rather than a default. */
    public boolean detected(String language) {
        return detected.containsKey(language);
    }
}
