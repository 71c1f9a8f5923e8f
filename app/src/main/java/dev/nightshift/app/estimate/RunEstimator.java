package dev.nightshift.app.estimate;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.IngestOptions;
import dev.nightshift.ingest.plan.PlannedRun;
import dev.nightshift.ingest.plan.RunPlanner;
import dev.nightshift.ingest.source.CloneCache;
import dev.nightshift.ingest.source.RemoteGuard;
import dev.nightshift.ingest.source.RepositoryOpener;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.estimate.Estimate;
import dev.nightshift.router.estimate.Estimator;
import dev.nightshift.worker.prompt.Prompt;
import dev.nightshift.worker.prompt.PromptBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * What a run would cost, without calling any provider or touching Kafka: ingest's planner makes the very
 * jobs the run would have, and the router's estimator prices them on the models its policy would pick.
 */
public final class RunEstimator {
    private static final PromptBuilder PROMPTS = new PromptBuilder();

    private final NightshiftConfig config;
    private final RouterConfig routerConfig;
    private final Path cacheDir;
    private final Map<String, String> env;

    public RunEstimator(NightshiftConfig config, RouterConfig routerConfig, Path cacheDir, Map<String, String> env) {
        this.config = config;
        this.routerConfig = routerConfig;
        this.cacheDir = cacheDir;
        this.env = env;
    }

    /**
     * A job's input as the provider will count it: the whole prompt the worker sends (instructions, path,
     * fences and the unit), not the unit alone, which under-counts small units by half.
     */
    static Job withPromptTokens(Job job) {
        Prompt prompt = PROMPTS.build(job);
        long tokens = TokenCounter.count(prompt.system() + "\n\n" + prompt.user());
        return new Job(
                job.jobId(),
                job.runId(),
                job.tenant(),
                job.repository(),
                job.commit(),
                job.task(),
                job.unitPath(),
                job.language(),
                job.contentHash(),
                job.promptVersion(),
                job.content(),
                tokens,
                job.maxOutputTokens(),
                job.simulated(),
                job.testTarget(),
                job.docs());
    }

    /** @throws dev.nightshift.ingest.IngestException for bad input, as {@code run} would */
    public Estimate estimate(RunRequest request) {
        IngestOptions options = IngestOptions.fromEnvironment(env);
        CloneCache clones = new CloneCache(
                cacheDir.resolve("clones"),
                options.cloneTimeoutSeconds(),
                options.credentials(),
                new RemoteGuard(options.allowPrivateAddresses()),
                options.ssh());
        RunPlanner planner = new RunPlanner(
                config, options, new RepositoryOpener(clones), cacheDir.resolve("spool"), InstantSource.system());
        try (PlannedRun run = planner.plan(request)) {
            List<Job> jobs = run.decodeJobs().stream()
                    .map(RunEstimator::withPromptTokens)
                    .toList();
            // All jobs taken to start now: the estimate of a deadline's batch share, by the router's own rule.
            return Estimator.of(config, routerConfig).estimateJobs(jobs, request.deadline(), Instant.now());
        }
    }
}
