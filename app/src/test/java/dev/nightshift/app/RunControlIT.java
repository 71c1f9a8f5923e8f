package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.StopRequests;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.SimulatorFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping, resuming and cancelling runs as a person does it: {@code nightshift run} in a process of its own,
 * interrupted by SIGINT (Ctrl-C) and resumed with {@code nightshift resume}, or cancelled from another process with
 * {@code nightshift cancel}. The providers are the simulator with a fixed latency, so a run is still going when it is
 * stopped; its bill is what the ledger must match.
 */
class RunControlIT {
    private static final Pattern PROGRESS = Pattern.compile("(\\d+)/(\\d+) jobs done");
    private static final Pattern RUN_ID = Pattern.compile("run (r-[0-9a-z-]+):");
    private static final int FILES = 48;

    @TempDir
    static Path dir;

    static SimulatorFixture simulator;
    static Path repo;

    @BeforeAll
    static void providersThatTakeTheirTime() {
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        simulator = SimulatorFixture.start(config, s -> {
            for (String provider : config.providers().keySet()) {
                s = s.withProvider(provider, p -> p.withLatency(Latency.fixed(Duration.ofMillis(2000))));
            }
            return s;
        });
        repo = dir.resolve("repo");
        try (GitRepoBuilder git = GitRepoBuilder.init(repo)) {
            for (int i = 0; i < FILES; i++) {
                git.file("src/main/java/shop/part" + (i % 4) + "/Item" + i + ".java", """
                        package shop.part%d;

                        /** Item number %d of the shop. */
                        public class Item%d {
                            public int number() {
                                return %d;
                            }
                        }
                        """.formatted(i % 4, i, i, i));
            }
            git.commit("items");
        }
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void ctrlCLeavesTheRunInterruptedAndResumeFinishesItPayingOnlyForUnfinishedJobs() throws Exception {
        Map<String, String> env = environment("home-interrupted");
        Money billedBefore = simulator.billTotal();
        String runId;
        try (CliProcess run = CliProcess.start(
                env,
                "run",
                repo.toString(),
                "--task",
                "docs",
                "--out",
                dir.resolve("out-interrupted").toString())) {
            runId = runIdOf(run);
            run.awaitErr(done(3), Duration.ofMinutes(3));
            run.interrupt();

            assertThat(run.waitFor(Duration.ofMinutes(3))).as(run.err()).isEqualTo(StopRequests.EXIT_CODE);
            assertThat(run.err())
                    .contains("stopping: the calls under way finish")
                    .doesNotContain("\tat ");
            assertThat(run.out()).contains("run " + runId + " interrupted").contains("nightshift resume " + runId);
        }
        JsonNode stopped = status(env, runId);
        assertThat(stopped.path("state").asText()).isEqualTo("interrupted");
        long total = stopped.path("jobs").path("total").asLong();
        assertThat(stopped.path("jobs").path("pending").asLong())
                .as("jobs left for the resume")
                .isPositive();
        assertThat(CliRun.of(env, "status", runId).out())
                .contains("interrupted (Ctrl-C): 'nightshift resume " + runId + "'");

        CliRun resume = CliRun.of(
                env, "resume", runId, "--out", dir.resolve("out-interrupted").toString(), "-o", "json");

        assertThat(resume.exitCode()).as(resume.err()).isZero();
        JsonNode summary = Json.mapper().readTree(resume.out());
        assertThat(summary.path("jobs").path("succeeded").asLong()).isEqualTo(total);
        List<JsonNode> ledger = ledger(env, runId);
        Map<String, Long> linesPerJob = ledger.stream()
                .collect(Collectors.groupingBy(l -> l.path("jobId").asText(), Collectors.counting()));
        assertThat(linesPerJob)
                .as("every job answered once, over both processes")
                .hasSize((int) total)
                .allSatisfy((job, lines) -> assertThat(lines).as(job).isEqualTo(1L));
        Money ledgerTotal = total(ledger);
        assertThat(ledgerTotal)
                .as("the ledger of both processes is the providers' bill")
                .isEqualTo(simulator.billTotal().minus(billedBefore));
        assertThat(status(env, runId).path("cost").has("outcomeUnknown"))
                .as("every call was booked")
                .isFalse();
    }

    @Test
    void killDashNineLeavesTheCallsUnderWayOfUnknownOutcomeAndTheirBoundCoversWhatTheProviderBilledForThem()
            throws Exception {
        Map<String, String> env = environment("home-killed");
        Money billedBefore = simulator.billTotal();
        String runId;
        try (CliProcess run = CliProcess.start(
                env,
                "run",
                repo.toString(),
                "--task",
                "docs",
                "--out",
                dir.resolve("out-killed").toString())) {
            runId = runIdOf(run);
            run.awaitErr(done(3), Duration.ofMinutes(3));
            run.kill();
        }
        // The provider finishes and bills what the dead process had asked for
        simulator.settledBill(Duration.ofSeconds(5));

        CliRun resume = CliRun.of(
                env, "resume", runId, "--out", dir.resolve("out-killed").toString(), "-o", "json");

        assertThat(resume.exitCode()).as(resume.err()).isZero();
        JsonNode ended = status(env, runId);
        assertThat(ended.path("state").asText()).isEqualTo("completed");
        JsonNode unknown = ended.path("cost").path("outcomeUnknown");
        assertThat(unknown.path("calls").asLong())
                .as("calls under way when the process died: %s", ended)
                .isPositive();
        Money bound = Money.usd(unknown.path("atMostUsd").asText());
        Money ledgerTotal = total(ledger(env, runId));
        Money bill = simulator.billTotal().minus(billedBefore);
        assertThat(bill.exceeds(ledgerTotal))
                .as("the provider billed calls nobody booked: bill %s, ledger %s", bill, ledgerTotal)
                .isTrue();
        assertThat(bill.exceeds(ledgerTotal.plus(bound)))
                .as("bill %s within ledger %s + unknown-outcome bound %s", bill, ledgerTotal, bound)
                .isFalse();
        assertThat(CliRun.of(env, "status", runId).out())
                .contains("of unknown outcome")
                .contains("$" + bound.toPlainString());
        assertThat(CliRun.of(env, "cost", "--run", runId).out()).contains("of unknown outcome");
    }

    @Test
    void cancelFromAnotherProcessEndsARunningRun() throws Exception {
        Map<String, String> env = environment("home-cancelled");
        try (CliProcess run = CliProcess.start(
                env,
                "run",
                repo.toString(),
                "--task",
                "docs",
                "--out",
                dir.resolve("out-cancelled").toString())) {
            String runId = runIdOf(run);
            run.awaitErr(done(2), Duration.ofMinutes(3));

            CliRun cancel = CliRun.of(env, "cancel", runId, "-o", "json");

            assertThat(cancel.exitCode()).as(cancel.err()).isZero();
            JsonNode after = Json.mapper().readTree(cancel.out());
            assertThat(after.path("state").asText()).isEqualTo("cancelled");
            assertThat(after.path("jobs").path("cancelled").asLong()).isPositive();
            assertThat(run.waitFor(Duration.ofMinutes(3))).as(run.err()).isEqualTo(1);
            assertThat(run.err()).contains("run " + runId + " was cancelled (nightshift cancel)");
            JsonNode ended = status(env, runId);
            assertThat(ended.path("state").asText()).isEqualTo("cancelled");
            assertThat(ended.path("jobs").path("pending").asLong()).isZero();
            assertThat(ledger(env, runId))
                    .as("calls stop: fewer than one per job")
                    .hasSizeLessThan((int) ended.path("jobs").path("total").asLong());
        }
    }

    /** Stderr's progress line once at least {@code jobs} jobs are done. */
    private static Predicate<String> done(int jobs) {
        return line -> {
            Matcher m = PROGRESS.matcher(line);
            return m.find() && Integer.parseInt(m.group(1)) >= jobs;
        };
    }

    private static String runIdOf(CliProcess run) {
        Matcher m = RUN_ID.matcher(run.awaitErr(line -> RUN_ID.matcher(line).find(), Duration.ofMinutes(3)));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Map<String, String> environment(String home) {
        Map<String, String> env = new HashMap<>();
        env.put("NIGHTSHIFT_HOME", dir.resolve(home).toString());
        simulator.config().providers().forEach((id, p) -> {
            env.put("NIGHTSHIFT_PROVIDERS_" + id.toUpperCase(Locale.ROOT) + "_BASEURL", p.baseUrl());
            env.put(p.apiKeyEnv(), SimulatorFixture.FAKE_KEY);
        });
        return env;
    }

    private static JsonNode status(Map<String, String> env, String runId) throws IOException {
        CliRun status = CliRun.of(env, "status", runId, "-o", "json");
        assertThat(status.exitCode()).as(status.err()).isZero();
        return Json.mapper().readTree(status.out());
    }

    private static List<JsonNode> ledger(Map<String, String> env, String runId) {
        CliRun ledger = CliRun.of(env, "ledger", "--run", runId, "--format", "jsonl");
        assertThat(ledger.exitCode()).as(ledger.err()).isZero();
        return ledger.out()
                .lines()
                .filter(l -> !l.isBlank())
                .map(RunControlIT::json)
                .toList();
    }

    private static Money total(List<JsonNode> ledger) {
        return ledger.stream().map(l -> Money.usd(l.path("cost").asText())).reduce(Money.ZERO, Money::plus);
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
