package dev.nightshift.app.query;

import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import dev.nightshift.sinkapi.export.ArtifactSource;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.JobRecord;
import java.io.OutputStream;
import java.util.List;

/**
 * What {@code status}, {@code jobs}, {@code skipped}, {@code cost}, {@code ledger}, {@code export} and {@code report} read from the sink, wherever it lives: a running
 * sink over HTTP ({@link HttpSinkReader}) or the all-in-one store on this machine ({@link LocalSinkReader}).
 * Every failure is a {@link dev.nightshift.app.cli.UserError} with one line naming where was asked.
 */
interface SinkReader extends AutoCloseable {
    /** The run's status; an unknown run is bad input naming it. */
    RunStatus status(String runId);

    /** Every run's status, newest first. */
    List<RunStatus> runs();

    /** The run's jobs as the sink records them; an unknown run is bad input naming it. */
    List<JobRecord> jobs(String runId);

    CostReport cost(CostQuery query);

    /** Writes the run's ledger to {@code out} (not closed), page by page. */
    void ledger(String runId, LedgerFormat format, OutputStream out);

    /** The run's artifacts; fails at once when the run is unknown. */
    ArtifactSource artifacts(String runId);

    /** The run's report page (self-contained HTML); an unknown run is bad input naming it. */
    String runReport(String runId);

    /** An evaluation's report page; an unknown evaluation is bad input naming it. */
    String evaluationReport(String evaluationId);

    /** Where a browser opens the run's report: the sink's URL, or empty for the local store (no server). */
    java.util.Optional<String> reportUrl(String runId);

    /** Where the answers come from, for messages: the URL or the store's folder. */
    String where();

    /** How the user lists runs here, for "no such run" messages. */
    String listRunsHint();

    @Override
    void close();
}
