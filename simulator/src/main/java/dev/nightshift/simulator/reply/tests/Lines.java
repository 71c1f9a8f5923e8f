package dev.nightshift.simulator.reply.tests;

import java.util.ArrayList;
import java.util.List;

/** A test file being written line by line, remembering which lines each case spans. */
final class Lines {
    private final List<String> lines = new ArrayList<>();
    private final List<WrittenTest.Span> spans = new ArrayList<>();
    private String open;
    private int openLine;

    Lines add(String line) {
        lines.addAll(List.of(line.split("\n", -1)));
        return this;
    }

    Lines blank() {
        return add("");
    }

    void startCase(String name) {
        open = name;
        openLine = lines.size() + 1;
    }

    void endCase() {
        spans.add(new WrittenTest.Span(open, openLine, lines.size()));
        open = null;
    }

    int size() {
        return lines.size();
    }

    WrittenTest done() {
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new WrittenTest(String.join("\n", lines) + "\n", List.copyOf(spans));
    }
}
