package dev.nightshift.sinkapi.export;

import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.client.SinkClient;
import dev.nightshift.sinkapi.query.RunStatus;
import java.util.List;

/** A run's artifacts read over a sink's query API: {@code nightshift export} against a running sink, {@code run --out}. */
public final class HttpArtifactSource implements ArtifactSource {
    private final SinkClient client;
    private final String runId;

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:8085}
     * @param token   {@code null} when the API is open
     */
    public HttpArtifactSource(String baseUrl, String token, String runId) {
        this(new SinkClient(baseUrl, token), runId);
    }

    public HttpArtifactSource(SinkClient client, String runId) {
        this.client = client;
        this.runId = runId;
    }

    @Override
    public RunStatus run() {
        return call(() -> client.status(runId));
    }

    @Override
    public List<ArtifactRecord> artifacts() {
        return call(() -> client.artifacts(runId));
    }

    @Override
    public String text(String jobId) {
        return call(() -> client.artifactText(runId, jobId));
    }

    @Override
    public List<ArtifactRecord> rejected() {
        return call(() -> client.rejected(runId));
    }

    @Override
    public String rejectedText(String jobId, int attempt) {
        return call(() -> client.rejectedText(runId, jobId, attempt));
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (SinkClient.SinkClientException e) {
            throw new ExportException(e.getMessage(), e);
        }
    }
}
