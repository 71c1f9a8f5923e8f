package dev.nightshift.sink.export;

import java.util.List;

/**
 * What an export did: the artifact paths written, the ones refused (with the reason), and for a branch
 * the commit id.
 */
public record ExportReport(String runId, String target, List<String> written, List<Refused> refused, String commitId) {
    public record Refused(String jobId, String path, String reason) {
    }
}
