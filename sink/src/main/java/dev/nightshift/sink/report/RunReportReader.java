package dev.nightshift.sink.report;

import dev.nightshift.core.job.JobState;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.JobRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads one run's report from the sink: its status, its jobs, one pass over its ledger, its rejected tests. */
final class RunReportReader {
    /** A page lists at most this many failed jobs; the ledger export has every attempt. */
    static final int MAX_FAILED_JOBS = 500;
    /** Per failed job, its latest notes only: a job repaired and escalated many times would fill the page. */
    static final int MAX_NOTES = 12;

    static final int MAX_NOTE_CHARS = 2_000;
    private static final Set<JobState> WITHOUT_RESULT =
            EnumSet.of(JobState.FAILED, JobState.DEAD_LETTERED, JobState.CANCELLED);

    private final SinkQueries queries;

    RunReportReader(SinkQueries queries) {
        this.queries = queries;
    }

    /** @throws dev.nightshift.sink.query.NotFoundException when the run does not exist or is another tenant's */
    RunReport read(String runId, String tenant) {
        RunStatus status = queries.status(runId, tenant);
        List<JobRecord> jobs = queries.jobs(runId);
        List<JobRecord> failed = jobs.stream()
                .filter(j -> WITHOUT_RESULT.contains(j.state()))
                .sorted(Comparator.comparing((JobRecord j) -> j.unitPath() == null ? "" : j.unitPath())
                        .thenComparing(JobRecord::jobId))
                .toList();
        Set<String> failedIds = failed.stream().map(JobRecord::jobId).collect(Collectors.toSet());
        LedgerFigures figures = new LedgerFigures(failedIds);
        queries.ledger(runId, tenant, figures);
        for (JobRecord j : jobs) {
            if (j.terminal() && !figures.endedInLedger(j.jobId())) {
                // a dead letter or a cancellation ends a job without an attempt of its own
                figures.timeline().add(j.updatedAt(), 0, true);
            }
        }
        Map<String, List<String>> rejected = rejectedDiagnostics(runId, tenant, failedIds);
        List<FailedJob> rows = new ArrayList<>();
        for (JobRecord j : failed.subList(0, Math.min(failed.size(), MAX_FAILED_JOBS))) {
            List<String> notes = new ArrayList<>(figures.notes(j.jobId()));
            notes.addAll(rejected.getOrDefault(j.jobId(), List.of()));
            rows.add(new FailedJob(
                    j.jobId(),
                    j.unitPath(),
                    j.state(),
                    j.model(),
                    j.attempts(),
                    j.failureClass() == null ? null : j.failureClass().name(),
                    j.reason(),
                    latest(notes)));
        }
        return new RunReport(
                status,
                queries.estimate(runId).orElse(null),
                figures.byTask(),
                figures.byLanguage(),
                figures.byTier(),
                figures.cells(),
                figures.timeline(),
                rows,
                failed.size());
    }

    /** The validator's whole diagnostics of each rejected test of a failed job (the ledger keeps their first line). */
    private Map<String, List<String>> rejectedDiagnostics(String runId, String tenant, Set<String> failedIds) {
        Map<String, List<String>> out = new HashMap<>();
        if (failedIds.isEmpty()) {
            return out;
        }
        for (ArtifactRecord a : queries.rejected(runId, tenant)) {
            if (failedIds.contains(a.jobId())
                    && a.diagnostics() != null
                    && !a.diagnostics().isBlank()) {
                out.computeIfAbsent(a.jobId(), id -> new ArrayList<>())
                        .add("attempt " + a.attempt() + " · "
                                + (a.verdict() == null
                                        ? "rejected"
                                        : a.verdict().id()) + " diagnostics:\n"
                                + a.diagnostics().strip());
            }
        }
        return out;
    }

    private static List<String> latest(List<String> notes) {
        List<String> kept = notes.subList(Math.max(0, notes.size() - MAX_NOTES), notes.size());
        return kept.stream()
                .map(n -> n.length() <= MAX_NOTE_CHARS ? n : n.substring(0, MAX_NOTE_CHARS) + " …")
                .toList();
    }
}
