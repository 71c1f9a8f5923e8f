package dev.nightshift.ingest;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.ingest.plan.PlannedRun;
import dev.nightshift.ingest.plan.RunPlanner;
import dev.nightshift.ingest.publish.PlanPublisher;
import dev.nightshift.ingest.source.CloneCache;
import dev.nightshift.ingest.source.RemoteGuard;
import dev.nightshift.ingest.source.RepositoryLocation;
import dev.nightshift.ingest.source.RepositoryOpener;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's entry point: a run request in, its plan and jobs on Kafka. {@link #submit} plans the run
 * (repository, ref, snapshot, filters, jobs), publishes the plan to {@code nightshift.runs}, then the jobs
 * to {@code nightshift.jobs}, and returns the plan. Thread-safe; close it to release the Kafka producer.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final RunPlanner planner;
    private final PlanPublisher publisher;
    private final InstantSource clock;
    private final RunPricer pricer;

    /**
     * @param bootstrap Kafka bootstrap servers
     * @param cacheDir  where remote repositories are cloned (bare) and jobs are spooled before publishing
     */
    public IngestService(NightshiftConfig config, String bootstrap, Path cacheDir) {
        this(config, bootstrap, cacheDir, IngestOptions.defaults(), InstantSource.system());
    }

    public IngestService(
            NightshiftConfig config, String bootstrap, Path cacheDir, IngestOptions options, InstantSource clock) {
        this(config, bootstrap, cacheDir, options, clock, RunPricer.NONE);
    }

    /** @param pricer prices each planned run before it is published (its plan then carries the estimate) */
    public IngestService(
            NightshiftConfig config,
            String bootstrap,
            Path cacheDir,
            IngestOptions options,
            InstantSource clock,
            RunPricer pricer) {
        CloneCache clones = new CloneCache(
                cacheDir.resolve("clones"),
                options.cloneTimeoutSeconds(),
                options.credentials(),
                new RemoteGuard(options.allowPrivateAddresses()),
                options.ssh());
        this.planner = new RunPlanner(config, options, new RepositoryOpener(clones), cacheDir.resolve("spool"), clock);
        this.publisher = new PlanPublisher(bootstrap, "nightshift-ingest");
        this.clock = clock;
        this.pricer = pricer;
    }

    /**
     * Plans and publishes one run.
     *
     * @return the plan as published
     * @throws IngestException       for bad input (missing path, not a repository, unknown ref, empty
     *                               repository, malformed or unreachable URL), with a one-line message
     * @throws IllegalStateException when Kafka cannot take the run
     */
    public RunPlanned submit(RunRequest request) {
        LOG.atInfo()
                .addKeyValue("runId", request.runId())
                .addKeyValue("task", request.task().id())
                .log("planning run");
        try (PlannedRun planned = planner.plan(request)) {
            PlannedRun run = priced(planned);
            RunPlanned plan = run.plan();
            publisher.publish(run);
            LOG.atInfo()
                    .addKeyValue("runId", plan.runId())
                    .addKeyValue("commit", plan.commit())
                    .addKeyValue("jobs", plan.jobIds().size())
                    .addKeyValue("inputTokens", plan.inputTokens())
                    .addKeyValue("skipped", plan.skipped().size())
                    .log("run published");
            return plan;
        }
    }

    /**
     * Plans a run again to go on with it: publishes its plan (the sink keeps the first) and only the jobs in
     * {@code unfinished}, as jobs of {@code generation}. The plan must still hold every unfinished job — the same
     * commit gives the same jobs; a working tree changed since, or other settings, may not — else nothing is published.
     *
     * @throws IngestException when the repository no longer gives the run's unfinished jobs
     */
    public RunPlanned resume(RunRequest request, Set<String> unfinished, int generation) {
        LOG.atInfo()
                .addKeyValue("runId", request.runId())
                .addKeyValue("generation", generation)
                .addKeyValue("unfinished", unfinished.size())
                .log("planning a run again to resume it");
        try (PlannedRun planned = planner.plan(request)) {
            RunPlanned plan = planned.plan();
            Set<String> missing = new java.util.TreeSet<>(unfinished);
            plan.jobIds().forEach(missing::remove);
            if (!missing.isEmpty()) {
                throw new IngestException(
                        missing.size() + " of the run's " + unfinished.size() + " unfinished jobs are no "
                                + "longer in " + RepositoryLocation.redact(request.source()) + " at " + plan.commit()
                                + " (the files "
                                + "changed since the run was planned); start a new run instead");
            }
            publisher.publish(planned, unfinished::contains, generation);
            LOG.atInfo()
                    .addKeyValue("runId", plan.runId())
                    .addKeyValue("jobs", unfinished.size())
                    .log("unfinished jobs published again");
            return plan;
        }
    }

    /** The run with its estimate in the plan; the jobs stay in the same spool, priced where they lie. */
    private PlannedRun priced(PlannedRun run) {
        try {
            Money estimate = pricer.price(run);
            return estimate == null ? run : new PlannedRun(run.plan().withEstimate(estimate), run.jobs());
        } catch (RuntimeException e) {
            // The estimate only informs the run's report: a run is never held back for the want of one.
            LOG.atWarn()
                    .setCause(e)
                    .addKeyValue("runId", run.plan().runId())
                    .log("cannot estimate the run; publishing its plan without an estimate");
            return run;
        }
    }

    /**
     * Answers a request that cannot be planned: a plan of zero jobs whose only skipped entry names the
     * source and carries {@code rejected: <reason>}, so that the run ends visibly instead of never starting.
     */
    public RunPlanned reject(RunRequest request, IngestException reason) {
        RunPlanned plan = new RunPlanned(
                request.runId(),
                request.tenant(),
                RepositoryLocation.redact(request.source()),
                null,
                request.task(),
                List.of(),
                0,
                List.of(new RunPlanned.SkippedFile(
                        RepositoryLocation.redact(request.source()), "rejected: " + reason.getMessage())),
                request.simulated(),
                clock.instant());
        publisher.publishPlanOnly(plan);
        return plan;
    }

    @Override
    public void close() {
        publisher.close();
    }
}
