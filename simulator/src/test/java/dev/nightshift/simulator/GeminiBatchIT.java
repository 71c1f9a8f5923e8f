package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.simulator.batch.BatchSettings;
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

/** Gemini's Batch Mode (inline requests) against the real server, on a clock the test moves (ten-minute turnaround). */
class GeminiBatchIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final String MODEL = "gemini-1.5-flash";
    private static final BatchSettings TEN_MINUTES = new BatchSettings(600_000L, 86_400_000L, 0.0, 0.0, null);
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-12-01T02:00:00Z"));
    private static final String[] KEY = {"x-goog-api-key", SimClient.KEY};
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(
                SimulatorConfig.from(CONFIG).withProvider("gemini", p -> p.withBatch(TEN_MINUTES)), CLOCK);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.clearBatches();
        sim.clearBill();
        sim.script("gemini", p -> p.withBatch(TEN_MINUTES));
    }

    private static String base() {
        return sim.baseUrlFor("gemini");
    }

    private static JsonObject request(int i) {
        return Prompts.gemini(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT.replace("Greeter", "Greeter" + i));
    }

    private static JsonObject createBatch() {
        JsonArray requests = new JsonArray();
        for (int i = 0; i < 5; i++) {
            requests.add(new JsonObject()
                    .put("request", request(i))
                    .put("metadata", new JsonObject().put("key", "job-" + i)));
        }
        JsonObject body = new JsonObject()
                .put(
                        "batch",
                        new JsonObject()
                                .put("displayName", "nightly")
                                .put(
                                        "inputConfig",
                                        new JsonObject().put("requests", new JsonObject().put("requests", requests))));
        SimClient.Reply r = SimClient.post(base() + "/models/" + MODEL + ":batchGenerateContent", body, KEY);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static JsonObject get(String name) {
        SimClient.Reply r = SimClient.send(base() + "/" + name, "GET", null, KEY);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static void advanceSeconds(long s) {
        CLOCK.advance(Duration.ofSeconds(s));
    }

    private static JsonArray inlined(JsonObject operation) {
        return operation
                .getJsonObject("response")
                .getJsonObject("inlinedResponses")
                .getJsonArray("inlinedResponses");
    }

    @Test
    void goesPendingRunningSucceededAndAnswersEachKeyAsASynchronousCall() {
        // Given a batch of five inline requests
        JsonObject created = createBatch();
        String name = created.getString("name");

        // When the queue passes, then the turnaround
        advanceSeconds(300);
        JsonObject running = get(name);
        advanceSeconds(300);
        JsonObject done = get(name);

        // Then PENDING, RUNNING with progressing counts (int64 as strings), then SUCCEEDED and done with the responses
        assertThat(name).startsWith("batches/");
        JsonObject meta = created.getJsonObject("metadata");
        assertThat(meta.getString("@type")).endsWith("GenerateContentBatch");
        assertThat(meta.getString("state")).isEqualTo("BATCH_STATE_PENDING");
        assertThat(meta.getString("model")).isEqualTo("models/" + MODEL);
        assertThat(meta.getString("displayName")).isEqualTo("nightly");
        assertThat(meta.getJsonObject("batchStats").getString("requestCount")).isEqualTo("5");
        assertThat(created.containsKey("done")).isFalse();
        assertThat(running.getJsonObject("metadata").getString("state")).isEqualTo("BATCH_STATE_RUNNING");
        assertThat(running.getJsonObject("metadata").getJsonObject("batchStats").getMap())
                .containsEntry("successfulRequestCount", "2")
                .containsEntry("pendingRequestCount", "3");
        assertThat(done.getBoolean("done")).isTrue();
        assertThat(done.getJsonObject("metadata").getString("state")).isEqualTo("BATCH_STATE_SUCCEEDED");
        assertThat(done.getJsonObject("response").getString("@type")).endsWith("GenerateContentBatchOutput");

        // And the responses, shuffled, joined on metadata.key, equal synchronous generateContent calls
        JsonArray responses = inlined(done);
        List<String> keys = new ArrayList<>();
        Map<String, JsonObject> byKey = new LinkedHashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            JsonObject entry = responses.getJsonObject(i);
            keys.add(entry.getJsonObject("metadata").getString("key"));
            byKey.put(entry.getJsonObject("metadata").getString("key"), entry.getJsonObject("response"));
        }
        assertThat(keys)
                .containsExactlyInAnyOrder("job-0", "job-1", "job-2", "job-3", "job-4")
                .isNotEqualTo(List.of("job-0", "job-1", "job-2", "job-3", "job-4"));
        for (int i = 0; i < 5; i++) {
            JsonObject batched = byKey.get("job-" + i);
            JsonObject sync = SimClient.post(base() + "/models/" + MODEL + ":generateContent", request(i), KEY)
                    .json();
            assertThat(batched.getJsonArray("candidates")).isEqualTo(sync.getJsonArray("candidates"));
            assertThat(batched.getJsonObject("usageMetadata")).isEqualTo(sync.getJsonObject("usageMetadata"));
        }
        // And the SDKs' place for the output, the metadata's output, holds the same
        assertThat(done.getJsonObject("metadata")
                        .getJsonObject("output")
                        .getJsonObject("inlinedResponses")
                        .getJsonArray("inlinedResponses"))
                .isEqualTo(responses);
    }

    @Test
    void billsAnsweredRequestsOnceAtTheBatchPriceAndCountsThemApartFromSynchronousOnes() {
        // Given an ended batch polled three times
        String name = createBatch().getString("name");
        advanceSeconds(600);
        get(name);
        get(name);
        get(name);

        // Then five batch entries at the batch price
        Price batch = CONFIG.provider("gemini")
                .batch()
                .price(CONFIG.provider("gemini")
                        .models()
                        .values()
                        .iterator()
                        .next()
                        .price());
        assertThat(sim.bill("gemini")).hasSize(5).allSatisfy(e -> {
            assertThat(e.tier()).isEqualTo(ServiceTier.BATCH);
            assertThat(e.cost()).isEqualTo(batch.cost(e.usage()));
        });
        JsonObject admin = SimClient.get(sim.baseUrl() + "/admin/bill").json();
        assertThat(admin.getJsonObject("byProvider").getJsonObject("gemini").getMap())
                .containsEntry("standard", 0)
                .containsEntry("batch", 5);
    }

    @Test
    void failedExpiredAndCancelledRequestsComeBackAsErrorsWithTheirKeys() {
        // Given one batch whose requests all fail, one never reached in a five-minute window, one cancelled midway
        sim.script("gemini", p -> p.withBatch(TEN_MINUTES.withItemFailureRate(1.0)));
        String failing = createBatch().getString("name");
        sim.script("gemini", p -> p.withBatch(TEN_MINUTES.withExpireAfterMs(300_000)));
        String expiring = createBatch().getString("name");
        sim.script("gemini", p -> p.withBatch(TEN_MINUTES));
        String cancelled = createBatch().getString("name");

        // When the run is half over, the third is cancelled, and the turnaround passes
        advanceSeconds(300);
        get(cancelled);
        SimClient.Reply cancel = SimClient.post(base() + "/" + cancelled + ":cancel", new JsonObject(), KEY);
        JsonObject cancelledNow = get(cancelled);
        advanceSeconds(300);

        // Then: FAILED is not the batch's state for failing items — it succeeded with INTERNAL errors
        JsonObject failed = get(failing);
        assertThat(failed.getJsonObject("metadata").getString("state")).isEqualTo("BATCH_STATE_SUCCEEDED");
        assertThat(inlined(failed)).hasSize(5).allSatisfy(e -> {
            JsonObject error = ((JsonObject) e).getJsonObject("error");
            assertThat(error.getInteger("code")).isEqualTo(500);
            assertThat(error.getString("status")).isEqualTo("INTERNAL");
            assertThat(((JsonObject) e).getJsonObject("metadata").getString("key"))
                    .startsWith("job-");
        });
        // And the expired one is EXPIRED: two answered, three DEADLINE_EXCEEDED
        JsonObject expired = get(expiring);
        assertThat(expired.getJsonObject("metadata").getString("state")).isEqualTo("BATCH_STATE_EXPIRED");
        assertThat(statuses(expired))
                .containsExactlyInAnyOrder("OK", "OK", "DEADLINE_EXCEEDED", "DEADLINE_EXCEEDED", "DEADLINE_EXCEEDED");
        // And the cancelled one was CANCELLED at once: two answered, three CANCELLED
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancelledNow.getJsonObject("metadata").getString("state")).isEqualTo("BATCH_STATE_CANCELLED");
        assertThat(statuses(cancelledNow)).containsExactlyInAnyOrder("OK", "OK", "CANCELLED", "CANCELLED", "CANCELLED");
        // And only the four answered requests were billed
        assertThat(sim.bill("gemini")).hasSize(4);
    }

    private static List<String> statuses(JsonObject operation) {
        List<String> out = new ArrayList<>();
        inlined(operation).forEach(e -> {
            JsonObject entry = (JsonObject) e;
            out.add(
                    entry.containsKey("response")
                            ? "OK"
                            : entry.getJsonObject("error").getString("status"));
        });
        return out;
    }

    @Test
    void refusesAMissingKeyAndAnUnknownBatchInGooglesShapes() {
        // Given no key, and an unknown batch
        SimClient.Reply noKey = SimClient.send(base() + "/batches", "GET", null);
        SimClient.Reply unknown = SimClient.send(base() + "/batches/nope", "GET", null, KEY);

        // Then 401 UNAUTHENTICATED and 404 NOT_FOUND
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().getJsonObject("error").getString("status")).isEqualTo("UNAUTHENTICATED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getJsonObject("error").getString("status")).isEqualTo("NOT_FOUND");
    }

    @Test
    void listsBatchOperationsNewestFirst() {
        // Given two batches
        String older = createBatch().getString("name");
        String newer = createBatch().getString("name");

        // When the first page of one is listed, then the next
        JsonObject first =
                SimClient.send(base() + "/batches?pageSize=1", "GET", null, KEY).json();
        JsonObject second = SimClient.send(
                        base() + "/batches?pageSize=1&pageToken=" + first.getString("nextPageToken"), "GET", null, KEY)
                .json();

        // Then the newer comes first, and the older on the next page
        assertThat(first.getJsonArray("operations").getJsonObject(0).getString("name"))
                .isEqualTo(newer);
        assertThat(second.getJsonArray("operations").getJsonObject(0).getString("name"))
                .isEqualTo(older);
    }
}
