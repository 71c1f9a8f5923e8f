package dev.nightshift.sink.export;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.nightshift.core.codec.Json;
import dev.nightshift.sink.artifact.ArtifactRecord;
import dev.nightshift.sink.query.RunStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A run's artifacts read over a sink's query API, for {@code nightshift export} against a remote sink.
 * The bearer token, if any, is sent on every request and never put in messages.
 */
public final class HttpArtifactSource implements ArtifactSource {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;
    private final String runId;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8085}; @param token {@code null} when the API is open */
    public HttpArtifactSource(String baseUrl, String token, String runId) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.runId = runId;
    }

    @Override
    public RunStatus run() {
        return read(get("/runs/" + enc(runId)), new TypeReference<RunStatus>() { });
    }

    @Override
    public List<ArtifactRecord> artifacts() {
        return read(get("/runs/" + enc(runId) + "/artifacts"), new TypeReference<List<ArtifactRecord>>() { });
    }

    @Override
    public String text(String jobId) {
        return get("/runs/" + enc(runId) + "/artifacts/" + enc(jobId));
    }

    private String get(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ExportException("cannot reach the sink at " + baseUrl + ": " + e.getMessage()
                    + "; check that it runs and the URL is right", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportException("interrupted while reading run " + runId + " from " + baseUrl, e);
        }
        if (r.statusCode() == 401) {
            throw new ExportException("the sink at " + baseUrl + " refused the token; set the API token the sink expects");
        }
        if (r.statusCode() != 200) {
            throw new ExportException("the sink at " + baseUrl + " answered " + r.statusCode() + " for run " + runId
                    + ": " + r.body());
        }
        return r.body();
    }

    private static <T> T read(String body, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new ExportException("the sink's answer is not what this nightshift expects: " + e.getMessage(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
