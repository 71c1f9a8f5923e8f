package dev.nightshift.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.run.GroupCatchUp;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.bench.harness.SyntheticJava;
import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.SimulatorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** The chaos scenarios: each a run hit once a quarter of it is done, then measured from the sink's store and the bill. */
final class Scenarios {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    /** How long the bill must stand still to count as settled: longer than a call. */
    private static final Duration BILL_QUIET = Duration.ofSeconds(5);

    private static final Pattern PROGRESS = Pattern.compile("(\\d+)/(\\d+) jobs done");
    private static final Pattern RUN_ID = Pattern.compile("run (r-[0-9a-z-]+)");
    private static final Pattern RUN_ID_ALONE = Pattern.compile("(?m)^(r-[0-9a-z-]+)$");

    private final Cluster cluster;
    private final SimulatorFixture simulator;
    private final int jobs;
    private final ScratchDir dir;

    Scenarios(Cluster cluster, SimulatorFixture simulator, int jobs, ScratchDir dir) {
        this.cluster = cluster;
        this.simulator = simulator;
        this.jobs = jobs;
        this.dir = dir;
    }

    interface Hit {
        void run() throws Exception;
    }

    /** A service killed with SIGKILL a quarter into the run, and started again at once. */
    ScenarioResult killed(String name, ServiceProcess victim) throws Exception {
        return clusterRun(
                name,
                () -> {
                    victim.kill();
                    victim.start();
                },
                BILL_QUIET);
    }

    /** The broker stopped a quarter into the run and started again on the same port and data; nobody else restarts. */
    ScenarioResult brokerRestarted() throws Exception {
        return clusterRun(
                "broker-restarted",
                () -> {
                    cluster.broker().stop();
                    cluster.broker().start();
                },
                BILL_QUIET);
    }

    /** Both workers pointed at providers that hang, fail, limit and drop calls now and then, for one run. */
    ScenarioResult faultStorm(Map<String, String> stormProviders) throws Exception {
        for (ServiceProcess worker : cluster.workers()) {
            worker.environment(stormProviders);
            worker.stop();
            worker.start();
        }
        return clusterRun("fault-storm", null, ChaosBenchmark.HUNG_CALL.plus(BILL_QUIET));
    }

    private ScenarioResult clusterRun(String name, Hit atQuarter, Duration billQuiet) throws Exception {
        Path repo = repository(name);
        Money billBefore = simulator.billTotal();
        int callsBefore = simulator.bill().size();
        long t0 = System.nanoTime();
        String runId = submit(name, repo);
        boolean hit = atQuarter == null;
        while (System.nanoTime() - t0 < RUN_TIMEOUT.toNanos()) {
            Optional<JsonNode> status = cluster.status(runId);
            long total = status.map(s -> s.path("jobs").path("total").asLong()).orElse(0L);
            long done = status.map(s -> total - s.path("jobs").path("pending").asLong())
                    .orElse(0L);
            if (!hit && total > 0 && done * 4 >= total) {
                System.err.printf("chaos: %s at %d/%d jobs done%n", name, done, total);
                atQuarter.run();
                hit = true;
            }
            if (status.isPresent()
                    && "completed".equals(status.get().path("state").asText())) {
                break;
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Money bill = simulator.settledBill(billQuiet).minus(billBefore);
        int billedCalls = simulator.bill().size() - callsBefore;
        // the store is read once the sink has booked everything written before now
        if (!GroupCatchUp.await(
                cluster.bootstrap(),
                Topics.SINK_GROUP,
                Set.of(Topics.RESULTS, Topics.RUN_CONTROL),
                Duration.ofMinutes(2))) {
            throw new IllegalStateException(
                    "the sink did not take in the results of run " + runId + " within 2 minutes");
        }
        try (SinkStore store = SinkStore.openSecondary(cluster.sinkData())) {
            return measure(name, runId, store, bill, billedCalls, seconds);
        }
    }

    /** The run handed to the cluster as a person does it: {@code nightshift submit file://…}; its run id. */
    private String submit(String name, Path repo) throws Exception {
        ServiceProcess submit = new ServiceProcess(
                "submit-" + name,
                List.of("submit", repo.toUri().toString(), "--task", "docs", "--bootstrap", cluster.bootstrap()),
                cluster.env(),
                dir.path(),
                "");
        submit.start();
        if (submit.waitFor(Duration.ofMinutes(2)) != 0) {
            throw new IllegalStateException("nightshift submit failed:\n" + submit.output());
        }
        Matcher id = RUN_ID_ALONE.matcher(submit.output());
        if (!id.find()) {
            throw new IllegalStateException("nightshift submit printed no run id:\n" + submit.output());
        }
        return id.group(1);
    }

    /**
     * A git repository of {@code jobs} small Java classes in two packages (so there are folder documents too), whose
     * text names the scenario: no scenario is answered from another's artifacts in the cache.
     */
    private Path repository(String name) {
        Path repo = dir.resolve("repo-" + name);
        try (GitRepoBuilder git = GitRepoBuilder.init(repo)) {
            for (int i = 0; i < jobs; i++) {
                git.file(
                        "src/main/java/com/acme/" + (i % 2 == 0 ? "billing" : "payments") + "/Invoice" + i + ".java",
                        SyntheticJava.invoiceClass(i) + "\n// " + name + "\n");
            }
            git.commit("invoices for " + name);
        }
        return repo;
    }

    /** An all-in-one {@code nightshift run} killed with SIGKILL a quarter in, then {@code nightshift resume}. */
    ScenarioResult runKilledAndResumed(Map<String, String> env) throws Exception {
        Path repo = repository("run-killed-resumed");
        Money billBefore = simulator.billTotal();
        int callsBefore = simulator.bill().size();
        String out = dir.resolve("out-run").toString();
        long t0 = System.nanoTime();
        ServiceProcess run = new ServiceProcess(
                "run", List.of("run", repo.toString(), "--task", "docs", "--out", out), env, dir.path(), "jobs done");
        run.start();
        Awaitility.await("nightshift run a quarter done")
                .atMost(RUN_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> RUN_ID.matcher(run.output()).find() && quarterDone(run.output()));
        Matcher id = RUN_ID.matcher(run.output());
        String runId = id.find() ? id.group(1) : null;
        System.err.println("chaos: run-killed-resumed: nightshift run killed with SIGKILL");
        run.kill();
        ServiceProcess resume =
                new ServiceProcess("resume", List.of("resume", runId, "--out", out), env, dir.path(), "");
        resume.start();
        if (resume.waitFor(RUN_TIMEOUT) != 0) {
            throw new IllegalStateException("nightshift resume " + runId + " failed:\n" + resume.output());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Money bill = simulator.settledBill(BILL_QUIET).minus(billBefore);
        int billedCalls = simulator.bill().size() - callsBefore;
        try (SinkStore store = SinkStore.open(NightshiftHome.resolve(env).sink())) {
            return measure("run-killed-resumed", runId, store, bill, billedCalls, seconds);
        }
    }

    private static boolean quarterDone(String output) {
        Matcher m = PROGRESS.matcher(output);
        boolean quarter = false;
        while (m.find()) {
            quarter = Integer.parseInt(m.group(1)) * 4 >= Integer.parseInt(m.group(2))
                    && Integer.parseInt(m.group(1)) > 0;
        }
        return quarter;
    }

    private ScenarioResult measure(
            String name, String runId, SinkStore store, Money bill, int billedCalls, double seconds) {
        SinkQueries queries = new SinkQueries(store, InstantSource.system());
        var status = queries.status(runId, null);
        List<LedgerEntry> ledger = new ArrayList<>();
        queries.ledger(runId, null, ledger::add);
        List<CallStarted> open = queries.openCalls(runId);
        Money ledgerUsd = ledger.stream().map(LedgerEntry::cost).reduce(Money.ZERO, Money::plus);
        long succeeded =
                ledger.stream().filter(e -> e.outcome() == Outcome.SUCCEEDED).count();
        long succeededJobs = ledger.stream()
                .filter(e -> e.outcome() == Outcome.SUCCEEDED)
                .map(LedgerEntry::jobId)
                .distinct()
                .count();
        // a document continued at the output limit is one ledger line for its calls
        long answeredCalls = ledger.stream()
                .filter(e -> e.usage().outputOrZero() > 0)
                .mapToLong(e -> 1 + (e.docs() == null ? 0 : e.docs().continuations()))
                .sum();
        return new ScenarioResult(
                name,
                (int) status.jobs().total(),
                status.jobs().total() == 0 ? jobs : status.jobs().pending(),
                succeeded - succeededJobs,
                Math.max(0, billedCalls - answeredCalls),
                open.size(),
                bill.minus(ledgerUsd),
                open.stream().map(CallStarted::costBound).reduce(Money.ZERO, Money::plus),
                maxStallSeconds(ledger),
                Math.round(seconds * 10) / 10.0);
    }

    /** The longest time between two provider calls ending, while the run went on. */
    private static double maxStallSeconds(List<LedgerEntry> ledger) {
        List<Instant> ends = ledger.stream()
                .map(LedgerEntry::finishedAt)
                .filter(java.util.Objects::nonNull)
                .sorted()
                .toList();
        long longest = 0;
        for (int i = 1; i < ends.size(); i++) {
            longest = Math.max(
                    longest, Duration.between(ends.get(i - 1), ends.get(i)).toMillis());
        }
        return longest / 1000.0;
    }
}
