package dev.nightshift.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.YamlDocuments;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunPlanned.SkippedFile;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.api.BearerAuth;
import dev.nightshift.sink.api.QueryApi;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.cache.ArtifactCache;
import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code help}, {@code -o json}, {@code status} on a fresh home, and {@code jobs} / {@code skipped}, over a real store. */
class JobsAndOutputCommandsTest {
    private static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");
    private static final String RUN = "r-mixed";

    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("NIGHTSHIFT_HOME", home.toString());
    }

    @Test
    void helpListsTheCommandsAndHelpOfACommandIsItsUsage() {
        QueryCli all = QueryCli.of(env(), "help");
        QueryCli status = QueryCli.of(env(), "help", "status");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out())
                .contains("Usage: nightshift")
                .contains("jobs")
                .contains("skipped")
                .contains("status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out())
                .contains("Usage: nightshift status")
                .contains("--sink")
                .contains("-o, --output");
    }

    @Test
    void everyOptionAndParameterOfEveryCommandIsDescribed() {
        CommandLine root = new CommandLine(new Nightshift(new Terminal(env(), System.out, System.err, false)));
        List<String> undescribed = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        walk(root, commands, undescribed);

        assertThat(commands)
                .contains("nightshift submit", "nightshift serve", "nightshift export", "nightshift completion");
        assertThat(undescribed)
                .as("options and parameters without a description")
                .isEmpty();
    }

    @Test
    void everyCommandThatAnswersTakesTheSameOutputOption() {
        CommandLine root = new CommandLine(new Nightshift(new Terminal(env(), System.out, System.err, false)));
        // Services and the simulator log; completion and help print text for shells and people; ledger has csv and
        // jsonl.
        Set<String> noDocument = Set.of("serve", "simulator", "completion", "help", "ledger");

        List<String> without = root.getSubcommands().entrySet().stream()
                .filter(e -> !noDocument.contains(e.getKey()))
                .filter(e -> e.getValue().getCommandSpec().findOption("-o") == null)
                .map(java.util.Map.Entry::getKey)
                .toList();

        assertThat(root.getSubcommands().keySet()).contains("run", "resume", "cancel", "export", "report", "submit");
        assertThat(without).as("commands without -o json|yaml|table").isEmpty();
    }

    private static void walk(CommandLine command, List<String> commands, List<String> undescribed) {
        CommandSpec spec = command.getCommandSpec();
        commands.add(spec.qualifiedName());
        spec.options().stream()
                .filter(o -> String.join("", o.description()).isBlank())
                .forEach(o -> undescribed.add(spec.qualifiedName() + " " + o.longestName()));
        spec.positionalParameters().stream()
                .filter(p -> String.join("", p.description()).isBlank())
                .forEach(p -> undescribed.add(spec.qualifiedName() + " " + p.paramLabel()));
        command.getSubcommands().values().forEach(sub -> walk(sub, commands, undescribed));
    }

    @Test
    void onAFreshHomeStatusListsNoRunsAndAnAskedForRunDoesNotExist() throws Exception {
        QueryCli json = QueryCli.of(env(), "status", "-o", "json");
        QueryCli table = QueryCli.of(env(), "status");
        QueryCli nope = QueryCli.of(env(), "status", "r-nope");

        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(Json.mapper().readTree(json.out()).isArray()).isTrue();
        assertThat(json.out().strip()).isEqualTo("[]");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).isEmpty();
        assertThat(nope.exitCode()).isEqualTo(2);
        assertThat(nope.errLines())
                .singleElement()
                .asString()
                .startsWith("error: no run 'r-nope'")
                .contains("'nightshift status'");
    }

    @Test
    void anUnknownRunInAStoreSuggestsListingTheRunsWithStatus() {
        SinkStore.open(home.resolve("sink")).close();

        QueryCli r = QueryCli.of(env(), "jobs", "r-nope");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .startsWith("error: no run 'r-nope' in the local store")
                .contains("'nightshift status'");
    }

    @Test
    void withOutputJsonOrYamlEveryQueryCommandPrintsOnlyTheDocument() throws Exception {
        storeARun(home.resolve("sink"));

        for (String[] args : List.of(
                new String[] {"status"},
                new String[] {"status", RUN},
                new String[] {"cost", "--run", RUN},
                new String[] {"jobs", RUN},
                new String[] {"skipped", RUN})) {
            QueryCli r = QueryCli.of(env(), concat(args, "-o", "json"));
            QueryCli alias = QueryCli.of(env(), concat(args, "--json"));
            QueryCli yaml = QueryCli.of(env(), concat(args, "-o", "yaml"));

            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
            JsonNode whole = Json.mapper().readTree(r.out());
            assertThat(whole.isContainerNode()).as(r.out()).isTrue();
            assertThat(whole.isEmpty())
                    .as("the stored run gives every command something to print")
                    .isFalse();
            assertThat(r.out().strip().lines()).as(r.out()).hasSize(1);
            assertThat(alias.out()).as("--json is -o json").isEqualTo(r.out());
            assertThat(yaml.exitCode())
                    .as(String.join(" ", args) + ": " + yaml.err())
                    .isZero();
            assertThat(YamlDocuments.read(yaml.out())).as(yaml.out()).isEqualTo(whole);
        }
    }

    @Test
    void onAFreshHomeStatusAsYamlIsAnEmptyList() throws Exception {
        QueryCli yaml = QueryCli.of(env(), "status", "-o", "yaml");

        assertThat(yaml.exitCode()).as(yaml.err()).isZero();
        assertThat(YamlDocuments.read(yaml.out())).isEqualTo(Json.mapper().createArrayNode());
    }

    @Test
    void jobsListsEachJobAndWhyTheFailedOneFailed() {
        storeARun(home.resolve("sink"));

        QueryCli all = QueryCli.of(env(), "jobs", RUN);
        QueryCli failed = QueryCli.of(env(), "jobs", RUN, "--state", "failed", "--why");
        QueryCli badState = QueryCli.of(env(), "jobs", RUN, "--state", "broken");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.outLines()).hasSize(2);
        assertThat(all.outLines().get(0).split("\\s+"))
                .containsExactly("j1", "src/j1.java", "failed", "deepseek/deepseek-chat", "1", "$0.000042");
        assertThat(all.outLines().get(1).split("\\s+"))
                .containsExactly("j2", "src/j2.java", "succeeded", "deepseek/deepseek-chat", "1", "$0.0001");
        assertThat(failed.exitCode()).as(failed.err()).isZero();
        assertThat(failed.outLines())
                .containsExactly(all.outLines().get(0), "    failure: invalid-output", "    no document in reply");
        assertThat(badState.exitCode()).isEqualTo(2);
        assertThat(badState.errLines())
                .singleElement()
                .asString()
                .contains("--state 'broken'")
                .contains("dead-lettered");
    }

    @Test
    void skippedListsEachSkippedFileWithItsRule() {
        storeARun(home.resolve("sink"));

        QueryCli r = QueryCli.of(env(), "skipped", RUN);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines())
                .containsExactly("assets/logo.png  binary", "vendor/lib/x.js  ignored by .nightshiftignore");
    }

    @Test
    void aRunningSinkOverHttpGivesTheSameJobsAndSkippedFilesAsTheLocalStore() throws Exception {
        Path served = home.resolve("served-sink");
        Vertx vertx = Vertx.vertx();
        try (SinkStore store = SinkStore.open(served)) {
            write(store);
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(new QueryApi(
                                    vertx,
                                    new SinkQueries(store, InstantSource.system()),
                                    new EvaluationQueries(store),
                                    new ArtifactCache(store),
                                    BearerAuth.open(),
                                    () -> true)
                            .router())
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            storeARun(home.resolve("sink"));
            String url = "http://127.0.0.1:" + server.actualPort();

            for (String command : List.of("jobs", "skipped")) {
                QueryCli remote = QueryCli.of(env(), command, RUN, "--sink", url, "--why");
                QueryCli local = QueryCli.of(env(), command, RUN, "--why");
                if (command.equals("skipped")) {
                    remote = QueryCli.of(env(), command, RUN, "--sink", url);
                    local = QueryCli.of(env(), command, RUN);
                }
                assertThat(remote.exitCode()).as(remote.err()).isZero();
                assertThat(remote.out()).isNotBlank().isEqualTo(local.out());
            }
            QueryCli nope = QueryCli.of(env(), "jobs", "r-nope", "--sink", url);
            assertThat(nope.exitCode()).isEqualTo(2);
            assertThat(nope.errLines()).singleElement().asString().startsWith("error: no run 'r-nope' at " + url);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void storeARun(Path dir) {
        try (SinkStore store = SinkStore.open(dir)) {
            write(store);
        }
    }

    /** A docs run of two jobs, one failed on an unusable reply; two files skipped by the plan. */
    private static void write(SinkStore store) {
        new BatchApplier(store, InstantSource.system())
                .apply(List.of(
                        new Incoming.Plan(new RunPlanned(
                                RUN,
                                "default",
                                "/repos/demo",
                                "c0ffee",
                                TaskType.DOCS,
                                List.of("j1", "j2"),
                                100,
                                List.of(
                                        new SkippedFile("assets/logo.png", "binary"),
                                        new SkippedFile("vendor/lib/x.js", "ignored by .nightshiftignore")),
                                true,
                                T0)),
                        new Incoming.Event(attempt("j1", Outcome.FAILED, "0.000042")),
                        new Incoming.Event(attempt("j2", Outcome.SUCCEEDED, "0.0001"))));
    }

    private static AttemptResult attempt(String job, Outcome outcome, String usd) {
        boolean failed = outcome == Outcome.FAILED;
        return new AttemptResult(
                new JobRef(
                        RUN,
                        job,
                        "default",
                        "/repos/demo",
                        "c0ffee",
                        TaskType.DOCS,
                        "src/" + job + ".java",
                        "java",
                        true),
                failed ? 1 : 2,
                "deepseek",
                "deepseek-chat",
                "rule",
                outcome,
                failed ? FailureClass.INVALID_OUTPUT : null,
                failed ? "no document in reply" : null,
                Usage.of(100, 0, 0, 10),
                Money.usd(usd),
                "prices-1",
                100,
                T0,
                T0.plusMillis(100),
                "stop",
                failed ? null : "# doc\n",
                true);
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
