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

/** Anthropic's Message Batches API against the real server, on a clock the test moves (ten-minute turnaround). */
class AnthropicBatchIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final String MODEL = "claude-3-5-haiku-20241022";
    private static final BatchSettings TEN_MINUTES = new BatchSettings(600_000L, 86_400_000L, 0.0, 0.0, null);
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-01T02:00:00Z"));
    private static final String[] HEADERS = {"x-api-key", SimClient.KEY, "anthropic-version", "2023-06-01"};
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(
                SimulatorConfig.from(CONFIG).withProvider("anthropic", p -> p.withBatch(TEN_MINUTES)), CLOCK);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.clearBatches();
        sim.clearBill();
        sim.script("anthropic", p -> p.withBatch(TEN_MINUTES));
    }

    private static String batches() {
        return sim.baseUrlFor("anthropic") + "/v1/messages/batches";
    }

    private static JsonObject params(int i) {
        return Prompts.anthropic(MODEL, Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT.replace("Greeter", "Greeter" + i), 4096);
    }

    private static JsonObject createBatch(JsonArray requests) {
        SimClient.Reply r = SimClient.post(batches(), new JsonObject().put("requests", requests), HEADERS);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static JsonObject createBatch() {
        JsonArray requests = new JsonArray();
        for (int i = 0; i < 5; i++) {
            requests.add(new JsonObject().put("custom_id", "job-" + i).put("params", params(i)));
        }
        return createBatch(requests);
    }

    private static JsonObject poll(String id) {
        SimClient.Reply r = SimClient.send(batches() + "/" + id, "GET", null, HEADERS);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static List<JsonObject> results(String id) {
        SimClient.Reply r = SimClient.send(batches() + "/" + id + "/results", "GET", null, HEADERS);
        assertThat(r.status()).isEqualTo(200);
        List<JsonObject> lines = new ArrayList<>();
        r.body().lines().filter(l -> !l.isBlank()).forEach(l -> lines.add(new JsonObject(l)));
        return lines;
    }

    private static void advanceSeconds(long s) {
        CLOCK.advance(Duration.ofSeconds(s));
    }

    @Test
    void staysInProgressWithEveryRequestProcessingUntilItEndsThenAnswersAsSynchronousCalls() {
        // Given a batch of five
        JsonObject created = createBatch();
        String id = created.getString("id");

        // When half the turnaround passes, then all of it
        advanceSeconds(300);
        JsonObject half = poll(id);
        advanceSeconds(300);
        JsonObject ended = poll(id);

        // Then it was in progress with all five processing, and has ended with five succeeded and a results URL
        assertThat(id).startsWith("msgbatch_");
        assertThat(created.getString("type")).isEqualTo("message_batch");
        assertThat(created.getString("processing_status")).isEqualTo("in_progress");
        assertThat(created.getValue("results_url")).isNull();
        assertThat(Instant.parse(created.getString("expires_at")))
                .isEqualTo(Instant.parse(created.getString("created_at")).plus(Duration.ofHours(24)));
        assertThat(half.getString("processing_status")).isEqualTo("in_progress");
        assertThat(half.getJsonObject("request_counts").getMap())
                .containsEntry("processing", 5)
                .containsEntry("succeeded", 0);
        assertThat(ended.getString("processing_status")).isEqualTo("ended");
        assertThat(ended.getJsonObject("request_counts").getMap())
                .containsEntry("processing", 0)
                .containsEntry("succeeded", 5);
        assertThat(ended.getString("results_url")).endsWith("/anthropic/v1/messages/batches/" + id + "/results");
        assertThat(Instant.parse(ended.getString("ended_at")))
                .isEqualTo(Instant.parse(created.getString("created_at")).plusSeconds(600));

        // And the results, shuffled, joined on custom_id, equal synchronous calls but for the batch tier
        List<JsonObject> lines = results(id);
        assertThat(lines)
                .extracting(l -> l.getString("custom_id"))
                .containsExactlyInAnyOrder("job-0", "job-1", "job-2", "job-3", "job-4")
                .isNotEqualTo(List.of("job-0", "job-1", "job-2", "job-3", "job-4"));
        Map<String, JsonObject> byKey = new LinkedHashMap<>();
        lines.forEach(l -> byKey.put(l.getString("custom_id"), l.getJsonObject("result")));
        for (int i = 0; i < 5; i++) {
            JsonObject result = byKey.get("job-" + i);
            assertThat(result.getString("type")).isEqualTo("succeeded");
            JsonObject message = result.getJsonObject("message");
            JsonObject sync = SimClient.post(sim.baseUrlFor("anthropic") + "/v1/messages", params(i), HEADERS)
                    .json();
            assertThat(message.getJsonArray("content")).isEqualTo(sync.getJsonArray("content"));
            assertThat(message.getString("stop_reason")).isEqualTo(sync.getString("stop_reason"));
            JsonObject usage = message.getJsonObject("usage");
            assertThat(usage.getString("service_tier")).isEqualTo("batch");
            assertThat(usage.copy().put("service_tier", "standard")).isEqualTo(sync.getJsonObject("usage"));
        }
    }

    @Test
    void billsAnsweredRequestsOnceAtTheBatchPrice() {
        // Given an ended batch whose results are read twice
        String id = createBatch().getString("id");
        advanceSeconds(600);
        results(id);
        results(id);

        // Then five batch entries at the standard price times the factor
        Price batch = CONFIG.provider("anthropic")
                .batch()
                .price(CONFIG.provider("anthropic")
                        .models()
                        .get("claude-3-5-haiku")
                        .price());
        List<BillEntry> bill = sim.bill("anthropic");
        assertThat(bill).hasSize(5).allSatisfy(e -> {
            assertThat(e.tier()).isEqualTo(ServiceTier.BATCH);
            assertThat(e.cost()).isEqualTo(batch.cost(e.usage()));
        });
    }

    @Test
    void reportsAnInvalidRequestAsErroredInAnthropicsErrorShape() {
        // Given a batch with one request whose params do not parse and one valid
        JsonArray requests = new JsonArray()
                .add(new JsonObject().put("custom_id", "bad").put("params", new JsonObject().put("model", MODEL)))
                .add(new JsonObject().put("custom_id", "good").put("params", params(1)));
        String id = createBatch(requests).getString("id");

        // When it has run
        advanceSeconds(600);
        JsonObject ended = poll(id);

        // Then the bad one is errored with the 400 the synchronous endpoint gives, free; the good one succeeded
        assertThat(ended.getJsonObject("request_counts").getMap())
                .containsEntry("errored", 1)
                .containsEntry("succeeded", 1);
        Map<String, JsonObject> byKey = new LinkedHashMap<>();
        results(id).forEach(l -> byKey.put(l.getString("custom_id"), l.getJsonObject("result")));
        assertThat(byKey.get("bad").getString("type")).isEqualTo("errored");
        JsonObject error = byKey.get("bad").getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(error.getJsonObject("error").getString("message")).contains("max_tokens");
        assertThat(byKey.get("good").getString("type")).isEqualTo("succeeded");
        assertThat(sim.bill("anthropic")).hasSize(1);
    }

    @Test
    void requestsNotReachedWithinTheWindowEndExpiredWhenItCloses() {
        // Given every request drawn never to be reached, and a fifteen-minute window
        sim.script(
                "anthropic",
                p -> p.withBatch(TEN_MINUTES.withItemExpireRate(1.0).withExpireAfterMs(900_000)));
        String id = createBatch().getString("id");

        // When the turnaround passes, and then the window
        advanceSeconds(600);
        JsonObject running = poll(id);
        advanceSeconds(300);
        JsonObject ended = poll(id);

        // Then it ran on until the window closed, then ended with every request expired, and billed nothing
        assertThat(running.getString("processing_status")).isEqualTo("in_progress");
        assertThat(ended.getString("processing_status")).isEqualTo("ended");
        assertThat(ended.getJsonObject("request_counts").getMap()).containsEntry("expired", 5);
        assertThat(results(id))
                .extracting(l -> l.getJsonObject("result"))
                .containsOnly(new JsonObject().put("type", "expired"));
        assertThat(sim.bill("anthropic")).isEmpty();
    }

    @Test
    void aFailedItemCarriesTheApiErrorAndCancelCancelsWhatHasNotRun() {
        // Given a batch two items into its run
        String id = createBatch().getString("id");
        advanceSeconds(300);

        // When it is cancelled and the cancel settles
        SimClient.Reply cancel = SimClient.post(batches() + "/" + id + "/cancel", new JsonObject(), HEADERS);
        SimClient.Reply early = SimClient.send(batches() + "/" + id + "/results", "GET", null, HEADERS);
        advanceSeconds(30);
        JsonObject ended = poll(id);

        // Then it was canceling (results not yet readable), then ended: two succeeded and billed, three canceled
        assertThat(cancel.json().getString("processing_status")).isEqualTo("canceling");
        assertThat(cancel.json().getString("cancel_initiated_at")).isNotNull();
        assertThat(early.status()).isEqualTo(400);
        assertThat(ended.getString("processing_status")).isEqualTo("ended");
        assertThat(ended.getJsonObject("request_counts").getMap())
                .containsEntry("succeeded", 2)
                .containsEntry("canceled", 3);
        assertThat(results(id))
                .extracting(l -> l.getJsonObject("result").getString("type"))
                .containsExactlyInAnyOrder("succeeded", "succeeded", "canceled", "canceled", "canceled");
        assertThat(sim.bill("anthropic")).hasSize(2);

        // And a batch created while every item is drawn to fail gets api_error results (the draw is made at creation)
        sim.script("anthropic", p -> p.withBatch(TEN_MINUTES.withItemFailureRate(1.0)));
        String failing = createBatch().getString("id");
        sim.script("anthropic", p -> p.withBatch(TEN_MINUTES));
        advanceSeconds(600);
        assertThat(results(failing)).allSatisfy(l -> {
            JsonObject result = l.getJsonObject("result");
            assertThat(result.getString("type")).isEqualTo("errored");
            assertThat(result.getJsonObject("error").getJsonObject("error").getString("type"))
                    .isEqualTo("api_error");
        });
    }

    @Test
    void refusesAMissingKeyAndAnUnknownBatchInAnthropicsShapes() {
        // Given no key, and an unknown id
        SimClient.Reply noKey = SimClient.send(batches(), "GET", null, "anthropic-version", "2023-06-01");
        SimClient.Reply unknown = SimClient.send(batches() + "/msgbatch_nope", "GET", null, HEADERS);

        // Then 401 authentication_error and 404 not_found_error
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().getJsonObject("error").getString("type")).isEqualTo("authentication_error");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getJsonObject("error").getString("type")).isEqualTo("not_found_error");
    }
}
