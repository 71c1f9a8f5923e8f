package dev.nightshift.app.query;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.sinkapi.client.SinkClient;
import dev.nightshift.sinkapi.client.SinkClient.SinkClientException;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import dev.nightshift.sinkapi.export.ArtifactSource;
import dev.nightshift.sinkapi.export.HttpArtifactSource;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.JobRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The sink's answers over its HTTP API, through sink-api's typed client. */
final class HttpSinkReader implements SinkReader {
    private final String url;
    private final SinkClient client;

    HttpSinkReader(String url, String token) {
        this.url = url;
        this.client = new SinkClient(url, token);
    }

    @Override
    public RunStatus status(String runId) {
        return call(runId, () -> client.status(runId));
    }

    @Override
    public List<RunStatus> runs() {
        return call(null, client::runs);
    }

    @Override
    public List<JobRecord> jobs(String runId) {
        return call(runId, () -> client.jobs(runId));
    }

    @Override
    public CostReport cost(CostQuery query) {
        return call(query.run(), () -> client.cost(query));
    }

    @Override
    public void ledger(String runId, LedgerFormat format, OutputStream out) {
        call(runId, () -> {
            client.ledger(runId, format, out);
            return null;
        });
    }

    @Override
    public ArtifactSource artifacts(String runId) {
        call(runId, () -> client.status(runId));
        return new HttpArtifactSource(client, runId);
    }

    @Override
    public String runReport(String runId) {
        return call(runId, () -> client.runReport(runId));
    }

    @Override
    public String evaluationReport(String evaluationId) {
        try {
            return client.evaluationReport(evaluationId);
        } catch (SinkClientException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("no evaluation '")) {
                throw UserError.badInput(
                        "no evaluation '" + evaluationId + "' at " + url + "; list them at " + url + "/report");
            }
            throw translate(e, null);
        }
    }

    @Override
    public Optional<String> reportUrl(String runId) {
        return Optional.of(client.runReportUrl(runId));
    }

    @Override
    public String where() {
        return "the sink at " + url;
    }

    @Override
    public String listRunsHint() {
        return "nightshift status --sink " + url;
    }

    @Override
    public void close() {
        // the JDK client holds nothing that must be released
    }

    private <T> T call(String runId, Supplier<T> request) {
        try {
            return request.get();
        } catch (SinkClientException e) {
            throw translate(e, runId);
        }
    }

    /**
     * The client's exception carries no status code, so it is told apart by what it carries: a cause for an
     * unreachable sink (exit 1), the sink's own message for a refusal (exit 2 when the user can fix it).
     */
    UserError translate(SinkClientException e, String runId) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.getCause() instanceof IOException) {
            return UserError.failed(message + " (or leave out --sink and NIGHTSHIFT_SINK_URL to read the local store)");
        }
        if (runId != null && message.startsWith("no run '")) {
            return UserError.badInput(
                    "no run '" + runId + "' at " + url + "; list the runs with '" + listRunsHint() + "'");
        }
        if (message.contains("API token")) {
            return UserError.badInput("the sink at " + url + " refused the request; set " + SinkAccess.TOKEN_ENV
                    + " to a token it accepts");
        }
        return UserError.failed("the sink at " + url + " answered: " + message);
    }
}
