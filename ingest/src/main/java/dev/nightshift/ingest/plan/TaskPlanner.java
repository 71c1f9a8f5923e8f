package dev.nightshift.ingest.plan;

import dev.nightshift.ingest.filter.SourceFile;

/**
 * Turns a run's kept source files into jobs, one file at a time, in path order. A planner holds only what
 * its aggregate jobs need (a folder's unit list, a spooled repository digest), never every file.
 */
public interface TaskPlanner {
    void file(SourceFile file, JobSpool jobs, PlanReport report);

    /** Called once after the last file: emit the aggregate jobs. */
    void finish(JobSpool jobs, PlanReport report);
}
