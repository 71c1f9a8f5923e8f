package dev.nightshift.ingest.plan;

import dev.nightshift.ingest.filter.SourceFile;

/**
 * Turns a run's kept source files into jobs. {@link #prepare} does the costly per-file work (tokens,
 * units) and may run on several threads at once; {@link #file} then sees the files one at a time in path
 * order, on one thread. A planner holds only what its aggregate jobs need (a folder's unit list, a spooled
 * repository digest), never every file.
 */
public interface TaskPlanner {
    /** Pure and thread-safe. */
    PreparedFile prepare(SourceFile file);

    void file(PreparedFile file, JobSpool jobs, PlanReport report);

    /** Called once after the last file: emit the aggregate jobs. */
    void finish(JobSpool jobs, PlanReport report);

    /**
     * The reason the report gives for a file the intake left out, as this task sees it: a task may say more
     * precisely why the file is of no use to it (the tests task tells a build file from a document).
     */
    default String skipReason(String path, String intakeReason) {
        return intakeReason;
    }

    /** Every file the walk visits, kept or not, in path order: a planner may note what exists (a hand-written README). */
    default void visited(String path) {}

    /** Whether this planner wants the text of a file that is not a source file (a build file). Thread-safe. */
    default boolean wantsText(String path) {
        return false;
    }

    /** The secret-guarded text of a file {@link #wantsText} asked for, in path order. */
    default void text(String path, String text) {}
}
