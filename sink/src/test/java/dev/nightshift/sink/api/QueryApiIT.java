package dev.nightshift.sink.api;

import static dev.nightshift.sink.Fixtures.forTenant;
import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.SinkHttp;
import dev.nightshift.sink.SinkRunner;
import dev.nightshift.sink.TestProducer;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.client.SinkClient;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;
import dev.nightshift.sinkapi.export.ExportReport;
import dev.nightshift.sinkapi.export.FolderExport;
import dev.nightshift.sinkapi.export.HttpArtifactSource;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import dev.nightshift.sinkapi.query.RunStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, tenant isolation and cost queries over a real sink fed through a real broker. */
class QueryApiIT {
    private static final Map<String, String> ENV =
            Map.of("NIGHTSHIFT_API_TOKEN", "acme=tok-a,globex=tok-g,*=tok-admin");

    @TempDir
    static Path dataDir;

    @TempDir
    Path exportDir;

    private static SinkRunner runner;
    private static final String ACME_RUN = newRunId();
    private static final String GLOBEX_RUN = newRunId();

    @BeforeAll
    static void startAndFeed() {
        runner = new SinkRunner(dataDir, "sink-api-" + UUID.randomUUID(), ENV);
        try (TestProducer producer = new TestProducer()) {
            producer.plan(plan(ACME_RUN, "acme", List.of("a1", "a2")));
            producer.plan(plan(GLOBEX_RUN, "globex", List.of("g1")));
            producer.result(tenant(
                    success(ACME_RUN, "a1", 1, "a.py", Usage.of(1000, 0, 0, 100)), "acme", "gemini-1.5-flash", 0));
            producer.result(
                    tenant(success(ACME_RUN, "a2", 1, "b.py", Usage.of(2000, 0, 0, 300)), "acme", "gemini-1.5-pro", 1));
            producer.result(tenant(
                    success(GLOBEX_RUN, "g1", 1, "c.py", Usage.of(500, 0, 0, 50)), "globex", "gemini-1.5-flash", 0));
        }
        SinkHttp admin = new SinkHttp(runner.port(), "tok-admin");
        await().atMost(Duration.ofSeconds(60)).until(() -> completed(admin, ACME_RUN) && completed(admin, GLOBEX_RUN));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @Test
    void requestsWithoutTheRightTokenAreRefusedButHealthIsOpen() {
        SinkHttp anonymous = new SinkHttp(runner.port(), null);
        SinkHttp wrong = new SinkHttp(runner.port(), "tok-wrong");

        assertThat(anonymous.get("/runs").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/runs/" + ACME_RUN).statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/cost?by=model").statusCode()).isEqualTo(401);
        assertThat(wrong.get("/runs").statusCode()).isEqualTo(401);
        assertThat(wrong.get("/runs").headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(anonymous.get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aTenantSeesOnlyItsOwnRunsLedgerAndCosts() {
        SinkHttp acme = new SinkHttp(runner.port(), "tok-a");

        assertThat(acme.json("/runs").findValuesAsText("tenant")).containsOnly("acme");
        assertThat(acme.json("/runs").findValuesAsText("runId"))
                .contains(ACME_RUN)
                .doesNotContain(GLOBEX_RUN);
        assertThat(acme.get("/runs/" + GLOBEX_RUN).statusCode()).isEqualTo(404);
        assertThat(acme.get("/runs/" + GLOBEX_RUN + "/ledger?format=csv").statusCode())
                .isEqualTo(404);
        assertThat(acme.get("/runs/" + GLOBEX_RUN + "/artifacts/g1").statusCode())
                .isEqualTo(404);
        assertThat(acme.get("/cost?run=" + GLOBEX_RUN).statusCode()).isEqualTo(404);
        JsonNode byTenant = acme.json("/cost?by=tenant&tenant=globex");
        assertThat(byTenant.path("groups").findValuesAsText("key")).containsExactly("acme");
    }

    @Test
    void reportPagesFollowTheSameTokenAndTenantRulesAsRuns() {
        SinkHttp anonymous = new SinkHttp(runner.port(), null);
        SinkHttp acme = new SinkHttp(runner.port(), "tok-a");

        assertThat(anonymous.get("/report").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/report/runs/" + ACME_RUN).statusCode()).isEqualTo(401);
        var page = acme.get("/report/runs/" + ACME_RUN);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("default-src 'none'"));
        assertThat(page.body())
                .startsWith("<!DOCTYPE html>")
                .contains("Run " + ACME_RUN)
                .contains("gemini/gemini-1.5-pro");
        assertThat(acme.get("/report/runs/" + GLOBEX_RUN).statusCode()).isEqualTo(404);
        assertThat(acme.get("/report/evaluations/e-nope").statusCode()).isEqualTo(404);
        String index = acme.get("/report").body();
        assertThat(index).contains("/report/runs/" + ACME_RUN).doesNotContain(GLOBEX_RUN);
    }

    @Test
    void runsCanBeListedByState() {
        SinkHttp admin = new SinkHttp(runner.port(), "tok-admin");
        JsonNode all = admin.json("/runs");
        String state = all.get(0).path("state").asText();
        long inThatState = java.util.stream.StreamSupport.stream(all.spliterator(), false)
                .filter(r -> r.path("state").asText().equals(state))
                .count();

        JsonNode some = admin.json("/runs?state=" + state);
        JsonNode none = admin.json("/runs?state=interrupted,cancelled");

        assertThat(some).hasSize((int) inThatState);
        assertThat(some.findValuesAsText("state")).containsOnly(state);
        assertThat(none).isEmpty();
        assertThat(admin.get("/runs?state=paused").statusCode()).isEqualTo(400);
        assertThat(admin.get("/runs?state=paused").body()).contains("state='paused' is not a run state");
    }

    @Test
    void costBreakdownsMatchTheRunsLedger() {
        SinkHttp admin = new SinkHttp(runner.port(), "tok-admin");

        JsonNode byModel = admin.json("/cost?run=" + ACME_RUN + "&by=model");
        JsonNode status = admin.json("/runs/" + ACME_RUN);
        assertThat(byModel.path("source").asText()).isEqualTo("aggregates");
        for (JsonNode row : byModel.path("groups")) {
            assertThat(Money.usd(row.path("usd").asText()))
                    .isEqualTo(Money.usd(status.path("cost")
                            .path("byModel")
                            .path(row.path("key").asText())
                            .asText()));
        }
        assertThat(Money.usd(byModel.path("total").path("usd").asText()))
                .isEqualTo(Money.usd(status.path("cost").path("usd").asText()));

        JsonNode byDay = admin.json("/cost?run=" + ACME_RUN + "&by=day&model=gemini/gemini-1.5-pro");
        assertThat(byDay.path("source").asText()).isEqualTo("ledger");
        assertThat(byDay.path("groups").findValuesAsText("key"))
                .containsExactly(Fixtures.T0.plusSeconds(86_400).toString().substring(0, 10));
        assertThat(byDay.path("total").path("output").asLong()).isEqualTo(300);

        assertThat(admin.get("/cost?by=colour").statusCode()).isEqualTo(400);
        assertThat(admin.get("/cost?by=colour").body()).contains("use one of");
        assertThat(admin.get("/runs/" + ACME_RUN + "/ledger?format=xml").statusCode())
                .isEqualTo(400);
    }

    @Test
    void theCliClientReadsStatusCostAndLedgerAndExportsOverHttp() throws Exception {
        SinkClient acme = new SinkClient("http://127.0.0.1:" + runner.port(), "tok-a");

        RunStatus status = acme.status(ACME_RUN);
        CostReport byModel =
                acme.cost(new CostQuery(Dimension.MODEL, ACME_RUN, null, null, null, null, null, null, null));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        acme.ledger(ACME_RUN, LedgerFormat.CSV, csv);
        ExportReport exported = FolderExport.export(
                new HttpArtifactSource("http://127.0.0.1:" + runner.port(), "tok-a", ACME_RUN), exportDir);

        assertThat(status.jobs().succeeded()).isEqualTo(2);
        assertThat(byModel.total().usd()).isEqualTo(status.cost().usd());
        assertThat(csv.toString(StandardCharsets.UTF_8).lines()).hasSize(3);
        assertThat(exported.written()).containsExactly("a.py.md", "b.py.md");
        assertThat(Files.readString(exportDir.resolve("a.py.md"))).contains("a.py");
        assertThatThrownBy(() -> acme.status(GLOBEX_RUN))
                .isInstanceOf(SinkClient.SinkClientException.class)
                .hasMessageContaining("no run '" + GLOBEX_RUN + "'");
        assertThatThrownBy(() -> new SinkClient("http://127.0.0.1:" + runner.port(), "nope").runs())
                .hasMessageContaining("valid API token")
                .hasMessageNotContaining("nope");
    }

    private static dev.nightshift.core.event.AttemptResult tenant(
            dev.nightshift.core.event.AttemptResult r, String tenant, String model, int day) {
        return forTenant(r, tenant, model, Fixtures.T0.plusSeconds(day * 86_400L), r.cost());
    }

    private static boolean completed(SinkHttp http, String run) {
        var r = http.get("/runs/" + run);
        return r.statusCode() == 200 && r.body().contains("\"state\":\"completed\"");
    }
}
