package dev.nightshift.sink.export;

import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.export.ArtifactSource;
import dev.nightshift.sinkapi.query.RunStatus;
import java.util.List;

/** A run's artifacts read straight from the sink's store (all-in-one mode, tests). */
public final class StoreArtifactSource implements ArtifactSource {
    private final SinkQueries queries;
    private final String runId;
    private final String tenant;

    public StoreArtifactSource(SinkQueries queries, String runId, String tenant) {
        this.queries = queries;
        this.runId = runId;
        this.tenant = tenant;
    }

    @Override
    public RunStatus run() {
        return queries.status(runId, tenant);
    }

    @Override
    public List<ArtifactRecord> artifacts() {
        return queries.artifacts(runId, tenant);
    }

    @Override
    public String text(String jobId) {
        return queries.artifactText(runId, jobId, tenant);
    }

    @Override
    public List<ArtifactRecord> rejected() {
        return queries.rejected(runId, tenant);
    }

    @Override
    public String rejectedText(String jobId, int attempt) {
        return queries.rejectedText(runId, jobId, attempt, tenant);
    }
}
