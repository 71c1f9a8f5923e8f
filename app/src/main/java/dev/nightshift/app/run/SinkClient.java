package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.core.codec.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The CLI's side of the sink's query API (status, artifacts, ledger). */
public final class SinkClient {
    /**
     * HTTP/1.1 only: the sink speaks it, and the client's default (HTTP/2, offered by an upgrade on a plain connection)
     * was seen to fail a first request now and then with a protocol error under load.
     */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** A GET is safe to send again: one connection dropped under load is not a sink that does not answer. */
    private static final int ATTEMPTS = 3;

    private final String baseUrl;
    private final String token;

    /** @param token bearer token, or {@code null} when the sink demands none */
    public SinkClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
    }

    /** The run's status document, or empty while the sink has not heard of the run yet. */
    public Optional<JsonNode> run(String runId) {
        HttpResponse<String> response = get("/runs/" + encode(runId));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse(requireOk(response)));
    }

    public JsonNode runs() {
        return parse(requireOk(get("/runs")));
    }

    /** Every run the sink knows in one of these states ({@code interrupted}, {@code running}, …), newest first. */
    public JsonNode runsIn(String... states) {
        return parse(requireOk(get("/runs?limit=" + Integer.MAX_VALUE + "&state=" + encode(String.join(",", states)))));
    }

    /** The jobs of a run with their states ({@code GET /runs/:id/jobs}). */
    public JsonNode jobs(String runId) {
        return parse(requireOk(get("/runs/" + encode(runId) + "/jobs")));
    }

    /** An evaluation with its figures per model and language ({@code GET /evaluations/:id}). */
    public JsonNode evaluation(String evaluationId) {
        return parse(requireOk(get("/evaluations/" + encode(evaluationId))));
    }

    public JsonNode artifacts(String runId) {
        return parse(requireOk(get("/runs/" + encode(runId) + "/artifacts")));
    }

    public String artifact(String runId, String jobId) {
        return requireOk(get("/runs/" + encode(runId) + "/artifacts/" + encode(jobId)));
    }

    /** Any other GET of the API, returned as text (ledger exports, cost breakdowns). */
    public String getText(String pathAndQuery) {
        return requireOk(get(pathAndQuery));
    }

    private HttpResponse<String> get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw UserError.failed("interrupted while asking the sink");
            }
        }
        String why = last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
        throw UserError.failed("the sink at " + baseUrl + " does not answer (" + why
                + "); is it running? start it with 'nightshift serve sink' or pass --sink URL");
    }

    private String requireOk(HttpResponse<String> response) {
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw UserError.badInput("the sink refused the request (" + response.statusCode()
                    + "); set NIGHTSHIFT_API_TOKEN to the sink's bearer token");
        }
        if (response.statusCode() / 100 != 2) {
            throw UserError.failed("the sink answered " + response.statusCode() + " for "
                    + response.uri().getPath() + ": "
                    + response.body().lines().findFirst().orElse(""));
        }
        return response.body();
    }

    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw UserError.failed("the sink answered with something that is not JSON");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
