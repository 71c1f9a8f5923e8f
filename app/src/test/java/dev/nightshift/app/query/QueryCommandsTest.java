package dev.nightshift.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.money.Money;
import dev.nightshift.sink.aggregate.Dimension;
import dev.nightshift.sink.cost.CostQuery;
import dev.nightshift.sink.cost.CostReport;
import dev.nightshift.sink.store.SinkStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query commands' input checks and their answers when the sink cannot be read; no broker needed. */
class QueryCommandsTest {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("NIGHTSHIFT_HOME", home.toString());
    }

    @Test
    void aCostTableShowsEveryGroupAndTheTotalWithExactDollars() {
        // Given a report of two models, one with a billed failure
        CostReport report = new CostReport(Dimension.MODEL, new CostQuery(Dimension.MODEL, null, null, null, null, null, null, null, null),
                "aggregates", List.of(
                new CostReport.Row("deepseek/deepseek-chat", 1, 1, 1, 1000, 0, 0, 100, Money.usd("0.000182")),
                new CostReport.Row("gemini/gemini-1.5-flash", 2, 0, 0, 3000, 500, 0, 600, Money.usd("0.0019675"))),
                new CostReport.Row("total", 3, 1, 1, 4000, 500, 0, 700, Money.usd("0.0021495")));

        // When it is rendered
        List<String> lines = CostTable.render(report).lines().toList();

        // Then a header, one row per model and the total, figures right-aligned and never rounded
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).split("\\s{2,}")).containsExactly("MODEL", "ATTEMPTS", "FAILED", "BILLED FAILED",
                "UNCACHED IN", "CACHE READ", "CACHE WRITE", "OUTPUT", "USD");
        assertThat(lines.get(1).split("\\s+")).containsExactly("deepseek/deepseek-chat", "1", "1", "1", "1000", "0", "0", "100", "0.000182");
        assertThat(lines.get(2).split("\\s+")).containsExactly("gemini/gemini-1.5-flash", "2", "0", "0", "3000", "500", "0", "600", "0.0019675");
        assertThat(lines.get(3).split("\\s+")).containsExactly("total", "3", "1", "1", "4000", "500", "0", "700", "0.0021495");
        assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
    }

    @Test
    void withoutAnyRunInTheHomeTheCommandSaysSoAndSuggestsRunOrSink() {
        QueryCli r = QueryCli.of(env(), "cost");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("error: no sink store in " + home.resolve("sink"))
                .contains("nightshift run").contains("--sink URL");
    }

    @Test
    void aStoreHeldByARunningNightshiftIsNamedInOneLineWithTheWayOut() {
        // Given the local store held open, as a running 'nightshift run' holds it
        try (SinkStore held = SinkStore.open(home.resolve("sink"))) {
            // When
            QueryCli r = QueryCli.of(env(), "cost", "--by", "day");

            // Then
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.errLines()).singleElement().asString().contains("is in use by a running nightshift").contains("--sink URL");
        }
    }

    @Test
    void anUnknownRunInTheLocalStoreIsBadInputNamingTheRun() {
        SinkStore.open(home.resolve("sink")).close();

        QueryCli cost = QueryCli.of(env(), "cost", "--run", "r-nope");
        QueryCli ledger = QueryCli.of(env(), "ledger", "--run", "r-nope");
        QueryCli export = QueryCli.of(env(), "export", "r-nope", "--to", home.resolve("out").toString());

        for (QueryCli r : List.of(cost, ledger, export)) {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().startsWith("error: no run 'r-nope' in the local store")
                    .contains("nightshift cost --by run");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aSinkThatDoesNotAnswerFailsInOneLineNamingItsUrl() {
        QueryCli r = QueryCli.of(env(), "cost", "--run", "r1", "--sink", "http://127.0.0.1:1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("http://127.0.0.1:1").contains("check that it runs");
    }

    @Test
    void theSinkUrlMayComeFromTheEnvironment() {
        QueryCli r = QueryCli.of(Map.of("NIGHTSHIFT_HOME", home.toString(), "NIGHTSHIFT_SINK_URL", "http://127.0.0.1:1"),
                "ledger", "--run", "r1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("http://127.0.0.1:1");
    }

    @Test
    void badFlagsAreOneLineEachWithExitCode2() {
        Map<String, List<String>> cases = Map.of(
                "--by 'colour'", List.of("cost", "--by", "colour"),
                "--from '2026-13-01' is not a day", List.of("cost", "--from", "2026-13-01"),
                "--to 2026-11-01 is before --from 2026-11-30", List.of("cost", "--from", "2026-11-30", "--to", "2026-11-01"),
                "--run", List.of("ledger"),
                "csv, jsonl", List.of("ledger", "--run", "r1", "--format", "xml"),
                "say where to export run r1: --to DIR, --branch NAME or --patch FILE", List.of("export", "r1"),
                "give only one place to export to", List.of("export", "r1", "--to", "x", "--patch", "y.patch"),
                "not an http(s) URL", List.of("cost", "--sink", "localhost:8480"),
                "--repo goes with --branch or --patch", List.of("export", "r1", "--to", "x", "--repo", "y"));
        cases.forEach((expected, args) -> {
            QueryCli r = QueryCli.of(env(), args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines()).as(String.join(" ", args)).singleElement().asString().startsWith("error: ").contains(expected);
        });
    }
}
