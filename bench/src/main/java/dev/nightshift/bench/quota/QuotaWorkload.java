package dev.nightshift.bench.quota;

import dev.nightshift.bench.harness.SyntheticJava;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code n} documentation jobs of one run: a Java class of ~180 tokens each (prompt ~370 tokens with the
 * instruction) and {@code max_tokens} {@value #MAX_OUTPUT_TOKENS}, so that requests per minute bind:
 * at 600 requests a minute they use ~55% of 400k input TPM and at most 60% of 40k output TPM.
 */
final class QuotaWorkload {
    static final int MAX_OUTPUT_TOKENS = 40;
    private static final String REPOSITORY = "/bench/quota-repository";

    private QuotaWorkload() {}

    static List<LaneRequest> lane(String runId, String provider, int n) {
        String commit = JobIds.sha256Hex(runId).substring(0, 40);
        ModelRef model = new ModelRef(provider, QuotaAccount.MODEL);
        List<LaneRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String path = "src/main/java/com/acme/billing/Invoice" + i + ".java";
            String content = SyntheticJava.invoiceClass(i);
            String hash = JobIds.contentHash(content);
            Job job = new Job(
                    JobIds.jobId(REPOSITORY, commit, TaskType.DOCS, path, hash, "v1"),
                    runId,
                    "bench",
                    REPOSITORY,
                    commit,
                    TaskType.DOCS,
                    path,
                    "java",
                    hash,
                    "v1",
                    content,
                    180,
                    MAX_OUTPUT_TOKENS,
                    true);
            requests.add(new LaneRequest(job, model, "bench quota", 1));
        }
        return requests;
    }
}
