package dev.nightshift.simulator.reply.tests;

import java.util.List;
import java.util.Locale;

/**
 * What a test is wanted for, as the prompt states it.
 *
 * @param language  the code's language id ({@code java}, {@code python}, {@code javascript}…)
 * @param code      the code under test (a context comment block ahead of it is fine)
 * @param unitPath  the file under test
 * @param testPath  the test file to write, or null
 * @param testName  the class, module or suite name the test declares, or null
 * @param framework a framework id ({@code junit4}, {@code junit5}, {@code pytest}, {@code unittest}, {@code mocha},
 *                  {@code jest}, {@code vitest}, {@code node-test}, {@code go-test}), or null for the language's usual one
 * @param imports   how the test reaches the code ({@code package a.b}, {@code from m import f},
 *                  {@code const { f } = require('../f')}, {@code import { f } from '../f.js'}), or null
 * @param libraries assertion and mocking libraries the test may use beyond the framework
 * @param split     the code is one part of a larger unit: only the members shown exist for the test
 */
public record TestJob(
        String language,
        String code,
        String unitPath,
        String testPath,
        String testName,
        String framework,
        String imports,
        List<String> libraries,
        boolean split) {
    public TestJob {
        language = language == null ? "text" : language.toLowerCase(Locale.ROOT);
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
        framework = framework == null || framework.isBlank()
                ? defaultFramework(language)
                : framework.trim().toLowerCase(Locale.ROOT);
    }

    public boolean hasLibrary(String name) {
        return libraries.stream().anyMatch(l -> l.equalsIgnoreCase(name));
    }

    /** The usual framework of a language when the prompt names none. */
    public static String defaultFramework(String language) {
        return switch (language == null ? "" : language) {
            case "java", "kotlin" -> "junit5";
            case "python" -> "pytest";
            case "javascript", "typescript" -> "jest";
            case "go" -> "go-test";
            default -> "none";
        };
    }
}
