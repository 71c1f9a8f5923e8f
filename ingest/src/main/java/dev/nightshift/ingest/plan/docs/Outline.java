package dev.nightshift.ingest.plan.docs;

import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.Unit;

/**
 * A file's outline: its units and their members' signatures with line ranges, no code. At most {@value #MOST_LINES}
 * lines: every part of a split file carries it, so its size is paid once per part.
 */
final class Outline {
    static final int MOST_LINES = 60;

    private Outline() {}

    static String of(FileUnits file) {
        String full = all(file);
        long lines = full.lines().count();
        if (lines <= MOST_LINES) {
            return full;
        }
        return full.lines().limit(MOST_LINES).collect(java.util.stream.Collectors.joining("\n", "", "\n")) + "… and "
                + (lines - MOST_LINES) + " more members\n";
    }

    private static String all(FileUnits file) {
        StringBuilder out = new StringBuilder();
        for (Unit unit : file.units()) {
            out.append(unit.kind())
                    .append(' ')
                    .append(unit.name())
                    .append(" (lines ")
                    .append(unit.startLine())
                    .append('-')
                    .append(unit.endLine())
                    .append("): ")
                    .append(oneLine(unit.signature()))
                    .append('\n');
            for (Unit member : unit.members()) {
                out.append("  ")
                        .append(member.kind())
                        .append(' ')
                        .append(oneLine(member.signature()))
                        .append(" (lines ")
                        .append(member.startLine())
                        .append('-')
                        .append(member.endLine())
                        .append(")\n");
            }
        }
        return out.toString();
    }

    private static String oneLine(String signature) {
        return signature.strip().replaceAll("\\s+", " ");
    }
}
