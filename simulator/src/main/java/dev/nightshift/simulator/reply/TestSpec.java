package dev.nightshift.simulator.reply;

import java.util.List;

/**
 * The test a prompt asks for, from its header lines ({@code Test file:}, {@code Test name:}, {@code Framework:},
 * {@code Import:}, {@code Libraries:}, {@code Part:}).
 *
 * @param framework the framework's id ({@code junit5}, {@code pytest}…), or null when the prompt names none
 * @param imports   the import line as stated (a Java {@code package a.b} without the remark after it), or null
 * @param part      1-based part of a split unit; 1 when not split
 */
public record TestSpec(
        String path, String name, String framework, String imports, List<String> libraries, int part, int parts) {
    public TestSpec {
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
        parts = Math.max(1, parts);
        part = Math.max(1, Math.min(part, parts));
    }

    public boolean split() {
        return parts > 1;
    }
}
