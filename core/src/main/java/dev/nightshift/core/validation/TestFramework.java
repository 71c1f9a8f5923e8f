package dev.nightshift.core.validation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A test framework a generated test is written for, and how a prompt names it. */
public enum TestFramework {
    JUNIT4("java", "JUnit 4 (org.junit.Test, org.junit.Assert)"),
    JUNIT5("java", "JUnit 5 (org.junit.jupiter.api)"),
    PYTEST("python", "pytest (plain assert statements, pytest.raises)"),
    UNITTEST("python", "unittest (unittest.TestCase)"),
    MOCHA("javascript", "Mocha with node:assert (describe/it)"),
    JEST("javascript", "Jest (describe/test/expect)"),
    VITEST("javascript", "Vitest (import { describe, it, expect } from 'vitest')"),
    NODE_TEST("javascript", "node:test with node:assert (import test from 'node:test')"),
    GO_TEST("go", "Go testing (package testing, func TestXxx(t *testing.T))");

    private final String language;
    private final String description;

    TestFramework(String language, String description) {
        this.language = language;
        this.description = description;
    }

    /** The language family the framework belongs to ({@code javascript} covers TypeScript too). */
    public String language() {
        return language;
    }

    /** What the prompt says, precise enough that a model picks the right imports. */
    public String description() {
        return description;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static TestFramework parse(String id) {
        for (TestFramework f : values()) {
            if (f.id().equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown test framework '" + id + "'");
    }
}
