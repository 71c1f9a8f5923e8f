package dev.nightshift.ingest.plan.tests.placement;

import java.util.regex.Pattern;

/**
 * How an existing Python test module is written. Module-level {@code test_} functions and pytest imports run
 * only under pytest; a module with {@code TestCase} classes and neither runs under plain unittest too.
 * ({@code from unittest import mock} says nothing: pytest suites use it all the time.)
 */
enum PythonTestStyle {
    PYTEST,
    UNITTEST,
    UNKNOWN;

    private static final Pattern PYTEST_MARKS = Pattern.compile(
            "(?m)^\\s*(?:import\\s+pytest\\b|from\\s+pytest\\b)|@pytest\\.|^(?:async\\s+)?def\\s+test_?\\w*\\s*\\(");
    private static final Pattern TEST_CASE = Pattern.compile("(?m)^class\\s+\\w+\\s*\\([^)]*TestCase[^)]*\\)");

    static PythonTestStyle of(String text) {
        if (PYTEST_MARKS.matcher(text).find()) {
            return PYTEST;
        }
        return TEST_CASE.matcher(text).find() ? UNITTEST : UNKNOWN;
    }
}
