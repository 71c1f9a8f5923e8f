package dev.nightshift.ingest.plan;

import dev.nightshift.core.run.RunPlanned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run's plan says besides its jobs: every path left out and why, and notes on kept paths (secrets
 * redacted, a split repository job). It becomes {@link RunPlanned#skipped()}; reasons are short ids so
 * that they can be counted.
 */
public final class PlanReport {
    private final List<RunPlanned.SkippedFile> entries = new ArrayList<>();

    public void skip(String path, String reason) {
        entries.add(new RunPlanned.SkippedFile(path, reason));
    }

    /** A note about a path that is in the run (its reason says what happened, e.g. {@code redacted:jwt}). */
    public void note(String path, String reason) {
        entries.add(new RunPlanned.SkippedFile(path, reason));
    }

    public List<RunPlanned.SkippedFile> entries() {
        return List.copyOf(entries);
    }

    /** Entries per reason id (the part before any ':' detail), for summaries. */
    public static Map<String, Long> countByReason(List<RunPlanned.SkippedFile> entries) {
        Map<String, Long> counts = new TreeMap<>();
        for (RunPlanned.SkippedFile e : entries) {
            int colon = e.reason().indexOf(':');
            counts.merge(colon < 0 ? e.reason() : e.reason().substring(0, colon), 1L, Long::sum);
        }
        return counts;
    }
}
