package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.simulator.batch.BatchSettings;
import dev.nightshift.simulator.billing.BillEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's Batch API against the real server on a clock the test moves: a batch of five requests with a ten-minute
 * turnaround is queued for a minute, runs one item about every 100 s, finalizes at 9.5 minutes and completes at ten.
 */
class OpenAiBatchIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final String MODEL = "gpt-4o-mini";
    private static final String AUTH = "Bearer " + SimClient.KEY;
    private static final BatchSettings TEN_MINUTES = new BatchSettings(600_000L, 86_400_000L, 0.0, 0.0, null);
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-01T02:00:00Z"));
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(
                SimulatorConfig.from(CONFIG).withProvider("openai", p -> p.withBatch(TEN_MINUTES)), CLOCK);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.clearBatches();
        sim.clearBill();
        sim.script("openai", p -> p.withBatch(TEN_MINUTES));
    }

    private static String base() {
        return sim.baseUrlFor("openai");
    }

    private static JsonObject body(int i) {
        return Prompts.openAi(MODEL, Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT.replace("Greeter", "Greeter" + i));
    }

    /** Uploads five requests and creates a batch on them; returns the batch. */
    private static JsonObject createBatch() {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            jsonl.append(new JsonObject()
                            .put("custom_id", "job-" + i)
                            .put("method", "POST")
                            .put("url", "/v1/chat/completions")
                            .put("body", body(i))
                            .encode())
                    .append('\n');
        }
        SimClient.Reply file = SimClient.upload(
                base() + "/files", "purpose", "batch", "input.jsonl", jsonl.toString(), "authorization", AUTH);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.json().getString("object")).isEqualTo("file");
        assertThat(file.json().getString("purpose")).isEqualTo("batch");
        SimClient.Reply batch = SimClient.post(
                base() + "/batches",
                new JsonObject()
                        .put("input_file_id", file.json().getString("id"))
                        .put("endpoint", "/v1/chat/completions")
                        .put("completion_window", "24h")
                        .put("metadata", new JsonObject().put("run", "r1")),
                "authorization",
                AUTH);
        assertThat(batch.status()).isEqualTo(200);
        return batch.json();
    }

    private static JsonObject poll(String id) {
        SimClient.Reply r = SimClient.send(base() + "/batches/" + id, "GET", null, "authorization", AUTH);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static List<JsonObject> download(String fileId) {
        SimClient.Reply r =
                SimClient.send(base() + "/files/" + fileId + "/content", "GET", null, "authorization", AUTH);
        assertThat(r.status()).isEqualTo(200);
        List<JsonObject> lines = new ArrayList<>();
        r.body().lines().filter(l -> !l.isBlank()).forEach(l -> lines.add(new JsonObject(l)));
        return lines;
    }

    private static void advanceSeconds(long s) {
        CLOCK.advance(Duration.ofSeconds(s));
    }

    @Test
    void walksValidatingInProgressFinalizingCompletedAndAnswersEachItemAsASynchronousCall() {
        // Given a batch of five requests just created
        JsonObject created = createBatch();
        String id = created.getString("id");
        assertThat(id).startsWith("batch_");
        assertThat(created.getString("object")).isEqualTo("batch");
        assertThat(created.getString("status")).isEqualTo("validating");
        assertThat(created.getLong("expires_at") - created.getLong("created_at"))
                .isEqualTo(86_400);
        assertThat(created.getJsonObject("request_counts").getInteger("total")).isEqualTo(5);

        // When the clock passes the queue, then half the run, then the finalizing mark, then the turnaround
        advanceSeconds(100);
        JsonObject early = poll(id);
        advanceSeconds(200);
        JsonObject half = poll(id);
        advanceSeconds(270);
        JsonObject finalizing = poll(id);
        advanceSeconds(30);
        JsonObject done = poll(id);

        // Then each state comes in turn, items complete as they run, and the ended batch names its output file only
        assertThat(early.getString("status")).isEqualTo("in_progress");
        assertThat(early.getLong("in_progress_at")).isEqualTo(created.getLong("created_at") + 60);
        assertThat(early.getJsonObject("request_counts").getInteger("completed"))
                .isZero();
        assertThat(half.getString("status")).isEqualTo("in_progress");
        assertThat(half.getJsonObject("request_counts").getInteger("completed")).isEqualTo(2);
        assertThat(finalizing.getString("status")).isEqualTo("finalizing");
        assertThat(finalizing.getJsonObject("request_counts").getInteger("completed"))
                .isEqualTo(5);
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getLong("completed_at")).isEqualTo(created.getLong("created_at") + 600);
        assertThat(done.getString("output_file_id")).isNotNull();
        assertThat(done.getValue("error_file_id")).isNull();
        assertThat(done.getJsonObject("metadata").getString("run")).isEqualTo("r1");

        // And the output lines, in a shuffled order, joined on custom_id equal synchronous calls of the same bodies
        List<JsonObject> lines = download(done.getString("output_file_id"));
        assertThat(lines)
                .extracting(l -> l.getString("custom_id"))
                .containsExactlyInAnyOrder("job-0", "job-1", "job-2", "job-3", "job-4")
                .isNotEqualTo(List.of("job-0", "job-1", "job-2", "job-3", "job-4"));
        Map<String, JsonObject> byKey = new LinkedHashMap<>();
        lines.forEach(l -> byKey.put(l.getString("custom_id"), l));
        for (int i = 0; i < 5; i++) {
            JsonObject line = byKey.get("job-" + i);
            assertThat(line.getString("id")).startsWith("batch_req_");
            assertThat(line.getValue("error")).isNull();
            JsonObject response = line.getJsonObject("response");
            assertThat(response.getInteger("status_code")).isEqualTo(200);
            JsonObject batched = response.getJsonObject("body");
            JsonObject sync = SimClient.post(base() + "/chat/completions", body(i), "authorization", AUTH)
                    .json();
            assertThat(batched.getString("object")).isEqualTo("chat.completion");
            assertThat(text(batched)).isEqualTo(text(sync)).contains("Greeter" + i);
            assertThat(batched.getJsonObject("usage")).isEqualTo(sync.getJsonObject("usage"));
        }
    }

    private static String text(JsonObject completion) {
        return completion
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message")
                .getString("content");
    }

    @Test
    void billsEachAnsweredItemOnceAtTheBatchPriceHoweverOftenItIsRead() {
        // Given a completed batch
        String id = createBatch().getString("id");
        advanceSeconds(600);
        String output = poll(id).getString("output_file_id");

        // When its output is downloaded twice and it is polled again
        download(output);
        download(output);
        poll(id);

        // Then five entries, marked batch, each costing its usage at the standard price times the batch factor exactly
        List<BillEntry> bill = sim.bill("openai");
        assertThat(bill).hasSize(5).allSatisfy(e -> assertThat(e.tier()).isEqualTo(ServiceTier.BATCH));
        Price standard = CONFIG.provider("openai").models().get("gpt-4o-mini").price();
        Price batch = CONFIG.provider("openai").batch().price(standard);
        for (BillEntry e : bill) {
            assertThat(e.cost()).isEqualTo(batch.cost(e.usage()));
            assertThat(e.cost().roundedNanos())
                    .isEqualTo(standard.cost(e.usage())
                            .times(new BigDecimal("0.5"))
                            .roundedNanos());
        }
        // And the admin bill counts synchronous requests and batch items apart
        SimClient.post(base() + "/chat/completions", body(0), "authorization", AUTH);
        JsonObject admin =
                SimClient.get(sim.baseUrl() + "/admin/bill?provider=openai").json();
        assertThat(admin.getJsonObject("byProvider").getJsonObject("openai").getMap())
                .containsEntry("standard", 1)
                .containsEntry("batch", 5);
        assertThat(admin.getJsonArray("entries").getJsonObject(0).getString("tier"))
                .isEqualTo("batch");
        assertThat(admin.getJsonArray("entries").getJsonObject(5).getString("tier"))
                .isEqualTo("standard");
    }

    @Test
    void failedItemsGoToTheErrorFileInTheSynchronousErrorShapeAndCostNothing() {
        // Given every item failing
        sim.script("openai", p -> p.withBatch(TEN_MINUTES.withItemFailureRate(1.0)));
        String id = createBatch().getString("id");

        // When the batch has run
        advanceSeconds(600);
        JsonObject done = poll(id);

        // Then it completed with five failures, an error file of 500 server errors, no output file and no bill
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getJsonObject("request_counts").getInteger("failed")).isEqualTo(5);
        assertThat(done.getValue("output_file_id")).isNull();
        List<JsonObject> errors = download(done.getString("error_file_id"));
        assertThat(errors).hasSize(5).allSatisfy(l -> {
            JsonObject response = l.getJsonObject("response");
            assertThat(response.getInteger("status_code")).isEqualTo(500);
            assertThat(response.getJsonObject("body").getJsonObject("error").getString("type"))
                    .isEqualTo("server_error");
        });
        assertThat(sim.bill("openai")).isEmpty();
    }

    @Test
    void aBatchWhoseWindowClosesEndsExpiredWithTheUnrunItemsReportedExpired() {
        // Given a five-minute window on a ten-minute turnaround
        sim.script("openai", p -> p.withBatch(TEN_MINUTES.withExpireAfterMs(300_000)));
        String id = createBatch().getString("id");

        // When the window passes
        advanceSeconds(300);
        JsonObject expired = poll(id);

        // Then the batch is expired: the two items run are answered and billed, the three others are batch_expired
        assertThat(expired.getString("status")).isEqualTo("expired");
        assertThat(expired.getLong("expired_at")).isEqualTo(expired.getLong("created_at") + 300);
        assertThat(download(expired.getString("output_file_id"))).hasSize(2);
        List<JsonObject> errors = download(expired.getString("error_file_id"));
        assertThat(errors).hasSize(3).allSatisfy(l -> {
            assertThat(l.getValue("response")).isNull();
            assertThat(l.getJsonObject("error").getString("code")).isEqualTo("batch_expired");
        });
        assertThat(sim.bill("openai")).hasSize(2);
    }

    @Test
    void cancelKeepsWhatRanAndCancelsTheRest() {
        // Given a batch two items into its run
        String id = createBatch().getString("id");
        advanceSeconds(300);

        // When it is cancelled, and the cancel has settled
        SimClient.Reply cancel =
                SimClient.post(base() + "/batches/" + id + "/cancel", new JsonObject(), "authorization", AUTH);
        advanceSeconds(30);
        JsonObject cancelled = poll(id);
        SimClient.Reply again =
                SimClient.post(base() + "/batches/" + id + "/cancel", new JsonObject(), "authorization", AUTH);

        // Then it was cancelling, then cancelled; two answers are in the output and billed, three batch_cancelled
        assertThat(cancel.json().getString("status")).isEqualTo("cancelling");
        assertThat(cancel.json().getLong("cancelling_at")).isNotNull();
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(download(cancelled.getString("output_file_id"))).hasSize(2);
        assertThat(download(cancelled.getString("error_file_id"))).hasSize(3).allSatisfy(l -> assertThat(
                        l.getJsonObject("error").getString("code"))
                .isEqualTo("batch_cancelled"));
        assertThat(sim.bill("openai")).hasSize(2);
        assertThat(again.status()).isEqualTo(400);
    }

    @Test
    void refusesAMissingKeyAndAnUnknownBatchInOpenAisShapesAndFailsAMalformedFile() {
        // Given no key, an unknown id, and a file with a line without custom_id
        SimClient.Reply noKey = SimClient.send(base() + "/batches", "GET", null);
        SimClient.Reply unknown = SimClient.send(base() + "/batches/batch_nope", "GET", null, "authorization", AUTH);
        SimClient.Reply file = SimClient.upload(
                base() + "/files",
                "purpose",
                "batch",
                "bad.jsonl",
                "{\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{}}\n",
                "authorization",
                AUTH);
        String id = SimClient.post(
                        base() + "/batches",
                        new JsonObject()
                                .put("input_file_id", file.json().getString("id"))
                                .put("endpoint", "/v1/chat/completions")
                                .put("completion_window", "24h"),
                        "authorization",
                        AUTH)
                .json()
                .getString("id");

        // When the malformed batch has been validated
        advanceSeconds(60);
        JsonObject failed = poll(id);

        // Then 401 and 404 in OpenAI's error shape, and a failed batch naming the line
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().getJsonObject("error").getString("message")).contains("API key");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(failed.getString("status")).isEqualTo("failed");
        JsonArray errors = failed.getJsonObject("errors").getJsonArray("data");
        assertThat(errors.getJsonObject(0).getString("code")).isEqualTo("missing_custom_id");
        assertThat(errors.getJsonObject(0).getInteger("line")).isEqualTo(1);
    }

    @Test
    void listsBatchesNewestFirstWithAndWithoutTheVersionPrefix() {
        // Given two batches
        String older = createBatch().getString("id");
        String newer = createBatch().getString("id");

        // When they are listed one per page, under /v1 and without it
        JsonObject first = SimClient.send(base() + "/batches?limit=1", "GET", null, "authorization", AUTH)
                .json();
        String unversioned = sim.baseUrl() + "/openai/batches?limit=1&after=" + newer;
        JsonObject second =
                SimClient.send(unversioned, "GET", null, "authorization", AUTH).json();

        // Then the newer comes first with more to come, and the older after it
        assertThat(first.getString("object")).isEqualTo("list");
        assertThat(first.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo(newer);
        assertThat(first.getBoolean("has_more")).isTrue();
        assertThat(second.getJsonArray("data").getJsonObject(0).getString("id")).isEqualTo(older);
    }
}
