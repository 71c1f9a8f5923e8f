package dev.nightshift.simulator.reply.tests;

import java.util.List;

/**
 * A test file the simulated model wrote.
 *
 * @param source the file's text
 * @param cases  its test cases with the lines they span (1-based, inclusive), to match diagnostics against
 */
public record WrittenTest(String source, List<Span> cases) {
    public record Span(String name, int firstLine, int lastLine) {}

    public List<String> caseNames() {
        return cases.stream().map(Span::name).toList();
    }
}
