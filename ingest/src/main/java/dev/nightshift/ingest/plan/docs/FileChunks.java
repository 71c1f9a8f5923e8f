package dev.nightshift.ingest.plan.docs;

import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a large file into consecutive line ranges at unit boundaries, each up to a token budget, covering
 * the whole file (text between units goes with the unit after it). A unit larger than the budget is a
 * chunk of its own.
 */
final class FileChunks {
    private FileChunks() {
    }

    /** A chunk: 1-based inclusive lines and their text (with the file's header lines prepended). */
    record Chunk(int startLine, int endLine, String text) {
    }

    static List<Chunk> split(String text, FileUnits units, long budget) {
        String[] lines = text.split("\n", -1);
        int lineCount = text.endsWith("\n") ? lines.length - 1 : lines.length;
        List<Chunk> chunks = new ArrayList<>();
        int chunkStart = 1;
        long chunkTokens = 0;
        int chunkEnd = 0;
        for (Unit unit : units.units()) {
            long tokens = TokenCounter.count(slice(lines, Math.max(chunkEnd + 1, 1), unit.endLine()));
            if (chunkEnd >= chunkStart && chunkTokens + tokens > budget) {
                chunks.add(chunk(lines, units.header(), chunkStart, chunkEnd));
                chunkStart = chunkEnd + 1;
                chunkTokens = 0;
            }
            chunkTokens += tokens;
            chunkEnd = unit.endLine();
        }
        if (chunkEnd < lineCount || chunks.isEmpty() || chunkEnd >= chunkStart) {
            chunks.add(chunk(lines, units.header(), chunkStart, Math.max(lineCount, chunkStart)));
        }
        return chunks;
    }

    private static Chunk chunk(String[] lines, String header, int start, int end) {
        String body = slice(lines, start, end);
        // The first chunk already holds the header (imports); later ones get it for context.
        return new Chunk(start, end, start == 1 || header.isEmpty() ? body : header + "\n" + body);
    }

    private static String slice(String[] lines, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to && i <= lines.length; i++) {
            sb.append(lines[i - 1]).append('\n');
        }
        return sb.toString();
    }
}
