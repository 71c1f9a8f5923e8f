package dev.nightshift.ingest.plan;

import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.unit.FileUnits;

/**
 * A kept file with the costly, order-free work already done on a worker thread: its token count and its
 * units, as its task's planner asked for in {@link TaskPlanner#prepare}.
 *
 * @param tokens the file's tokens, or -1 when the planner did not ask
 * @param units  the file's units, or {@code null} when the planner did not ask
 */
public record PreparedFile(SourceFile file, long tokens, FileUnits units) {}
