package dev.nightshift.sink.report;

import dev.nightshift.core.money.Money;
import dev.nightshift.sinkapi.query.RunStatus;
import java.util.List;
import java.util.Map;

/**
 * Everything one run's report shows, read from the sink; rendering it touches no store.
 *
 * @param estimate        what the run was expected to cost when planned; {@code null} when its plan carried none
 * @param byTask          ledger dollars by task (a documentation run's by document level)
 * @param byLanguage      ledger dollars by the units' language
 * @param byTier          ledger dollars by service tier (standard, batch)
 * @param cells           pass counts and dollars by model × language
 * @param failedJobs      jobs that ended without a result, at most {@link RunReportReader#MAX_FAILED_JOBS}
 * @param failedJobsTotal how many such jobs the run has
 */
record RunReport(
        RunStatus status,
        Money estimate,
        Map<String, Money> byTask,
        Map<String, Money> byLanguage,
        Map<String, Money> byTier,
        List<PassCell> cells,
        Timeline timeline,
        List<FailedJob> failedJobs,
        int failedJobsTotal) {
    RunReport {
        byTask = Map.copyOf(byTask);
        byLanguage = Map.copyOf(byLanguage);
        byTier = Map.copyOf(byTier);
        cells = List.copyOf(cells);
        failedJobs = List.copyOf(failedJobs);
    }
}
