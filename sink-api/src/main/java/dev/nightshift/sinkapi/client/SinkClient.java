package dev.nightshift.sinkapi.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.nightshift.core.codec.Json;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.JobRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sink's API from the CLI's side ({@code nightshift status | cost | ledger | export}): typed answers,
 * and one {@link SinkClientException} with a user-facing message for every failure. The bearer token, if
 * any, goes in a header and never into a message.
 */
public final class SinkClient {
    /**
     * HTTP/1.1 only: the sink speaks it, and the client's default (HTTP/2, offered by an upgrade on a plain connection)
     * was seen to fail a first request now and then with a protocol error under load.
     */
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    /** Every call is a GET, safe to send again: one connection dropped under load is not a sink that does not answer. */
    private static final int ATTEMPTS = 3;

    private final String baseUrl;
    private final String token;

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:8085}
     * @param token   {@code null} when the API is open
     */
    public SinkClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    public RunStatus status(String runId) {
        return json("/runs/" + enc(runId), new TypeReference<RunStatus>() {});
    }

    public List<RunStatus> runs() {
        return json("/runs", new TypeReference<List<RunStatus>>() {});
    }

    /** Every job of the run with its state, model, attempts, cost and why it ended ({@code GET /runs/RUN/jobs}). */
    public List<JobRecord> jobs(String runId) {
        return json("/runs/" + enc(runId) + "/jobs", new TypeReference<List<JobRecord>>() {});
    }

    public List<ArtifactRecord> artifacts(String runId) {
        return json("/runs/" + enc(runId) + "/artifacts", new TypeReference<List<ArtifactRecord>>() {});
    }

    public String artifactText(String runId, String jobId) {
        return text("/runs/" + enc(runId) + "/artifacts/" + enc(jobId));
    }

    /** The run's rejected test candidates (for {@code export --all}). */
    public List<ArtifactRecord> rejected(String runId) {
        return json("/runs/" + enc(runId) + "/rejected", new TypeReference<List<ArtifactRecord>>() {});
    }

    public String rejectedText(String runId, String jobId, int attempt) {
        return text("/runs/" + enc(runId) + "/rejected/" + enc(jobId) + "/" + attempt);
    }

    /** The run's report page (self-contained HTML). */
    public String runReport(String runId) {
        return text("/report/runs/" + enc(runId));
    }

    /** An evaluation's report page (self-contained HTML). */
    public String evaluationReport(String evaluationId) {
        return text("/report/evaluations/" + enc(evaluationId));
    }

    /** Where a browser opens the run's report on this sink. */
    public String runReportUrl(String runId) {
        return baseUrl + "/report/runs/" + enc(runId);
    }

    public CostReport cost(CostQuery q) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("by", q.by().id());
        put(params, "run", q.run());
        put(params, "tenant", q.tenant());
        put(params, "provider", q.provider());
        put(params, "model", q.model());
        put(params, "task", q.task());
        put(params, "repository", q.repository());
        put(params, "from", q.from() == null ? null : q.from().toString());
        put(params, "to", q.to() == null ? null : q.to().toString());
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return json("/cost?" + query, new TypeReference<CostReport>() {});
    }

    /** Streams the run's ledger in the format to {@code out} (not closed), without holding it in memory. */
    public void ledger(String runId, LedgerFormat format, OutputStream out) {
        HttpResponse<InputStream> r = send(
                "/runs/" + enc(runId) + "/ledger?format=" + format.name().toLowerCase(java.util.Locale.ROOT),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            in.transferTo(out);
        } catch (IOException e) {
            throw new SinkClientException("the ledger of run " + runId + " was cut off: " + e.getMessage(), e);
        }
    }

    private <T> T json(String path, TypeReference<T> type) {
        String body = text(path);
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new SinkClientException(
                    "the sink at " + baseUrl + " answered something this nightshift cannot read: " + e.getMessage(), e);
        }
    }

    /** Any GET of the API ({@code /runs?state=…}, {@code /evaluations/ID}, …), answered as the sink wrote it. */
    public String text(String pathAndQuery) {
        return body(send(pathAndQuery, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    /** Like {@link #text}, but empty when the sink answers 404 (a run it has not heard of yet). */
    public Optional<String> find(String pathAndQuery) {
        HttpResponse<String> r = send(pathAndQuery, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(body(r));
    }

    private String body(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw failure(r.statusCode(), r.body());
        }
        return r.body();
    }

    private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(5))
                .GET();
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return client.send(b.build(), handler);
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkClientException("interrupted while asking the sink at " + baseUrl, e);
            }
        }
        throw new SinkClientException(
                "cannot reach the sink at " + baseUrl + " (" + last.getClass().getSimpleName()
                        + "); check that it runs and the URL is right",
                last);
    }

    private SinkClientException failure(int status, String body) {
        String reason = body;
        try {
            reason = Json.mapper().readTree(body).path("error").asText(body);
        } catch (IOException ignored) {
            // not JSON: show the body as it is
        }
        if (status == 401) {
            return new SinkClientException(
                    "the sink at " + baseUrl + " wants a valid API token; set the token it expects", status, null);
        }
        return new SinkClientException(reason, status, null);
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    private static String enc(String s) {
        return segment(s);
    }

    /** A run id, job id or query value as it goes into a path of the API: URL-encoded, spaces as {@code %20}. */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A request to the sink failed; the message is fit for the user. */
    public static final class SinkClientException extends RuntimeException {
        private final int status;

        /** A sink that gave no answer (unreachable, or cut off): no status. */
        public SinkClientException(String message, Throwable cause) {
            this(message, 0, cause);
        }

        public SinkClientException(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /** The HTTP status the sink answered with, or 0 when it gave no answer. */
        public int status() {
            return status;
        }
    }
}
