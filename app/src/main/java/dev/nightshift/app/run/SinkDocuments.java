package dev.nightshift.app.run;

import static dev.nightshift.sinkapi.client.SinkClient.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.core.codec.Json;
import dev.nightshift.sinkapi.client.SinkClient;
import dev.nightshift.sinkapi.client.SinkClient.SinkClientException;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A sink's API as the JSON documents it answers with, for the code that drives and watches runs (progress, resume,
 * cancel, evaluations), which reads a few fields of each. The requests go through sink-api's {@link SinkClient}; every
 * failure is the command's {@link UserError}.
 */
public final class SinkDocuments {
    private final String baseUrl;
    private final SinkClient client;

    /** @param token bearer token, or {@code null} when the sink demands none */
    public SinkDocuments(String baseUrl, String token) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.client = new SinkClient(this.baseUrl, token);
    }

    /** The run's status document, or empty while the sink has not heard of the run yet. */
    public Optional<JsonNode> run(String runId) {
        return call(() -> client.find("/runs/" + segment(runId))).map(SinkDocuments::parse);
    }

    public JsonNode runs() {
        return parse(getText("/runs"));
    }

    /** Every run the sink knows in one of these states ({@code interrupted}, {@code running}, …), newest first. */
    public JsonNode runsIn(String... states) {
        return parse(getText("/runs?limit=" + Integer.MAX_VALUE + "&state=" + segment(String.join(",", states))));
    }

    /** The jobs of a run with their states ({@code GET /runs/:id/jobs}). */
    public JsonNode jobs(String runId) {
        return parse(getText("/runs/" + segment(runId) + "/jobs"));
    }

    /** An evaluation with its figures per model and language ({@code GET /evaluations/:id}). */
    public JsonNode evaluation(String evaluationId) {
        return parse(getText("/evaluations/" + segment(evaluationId)));
    }

    public JsonNode artifacts(String runId) {
        return parse(getText("/runs/" + segment(runId) + "/artifacts"));
    }

    public String artifact(String runId, String jobId) {
        return getText("/runs/" + segment(runId) + "/artifacts/" + segment(jobId));
    }

    /** Any other GET of the API, returned as text (ledger exports, cost breakdowns, report pages). */
    public String getText(String pathAndQuery) {
        return call(() -> client.text(pathAndQuery));
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (SinkClientException e) {
            throw translate(e);
        }
    }

    private UserError translate(SinkClientException e) {
        if (e.status() == 0) {
            return UserError.failed(
                    e.getCause() instanceof IOException
                            ? e.getMessage()
                                    + "; a sink starts with 'nightshift serve sink', and --sink URL names another"
                            : e.getMessage());
        }
        if (e.status() == 401 || e.status() == 403) {
            return UserError.badInput("the sink at " + baseUrl + " refused the request (" + e.status()
                    + "); set NIGHTSHIFT_API_TOKEN to the sink's bearer token");
        }
        return UserError.failed("the sink at " + baseUrl + " answered " + e.status() + ": "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw UserError.failed("the sink answered with something that is not JSON");
        }
    }
}
