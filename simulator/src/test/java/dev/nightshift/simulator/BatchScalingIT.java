package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.simulator.billing.BillEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches on a clock a thousand times faster than the wall, scripted through the admin endpoint: a ten-minute
 * turnaround passes in well under a second of real time, outside the synchronous rate limiter.
 */
class BatchScalingIT {
    private static final String[] HEADERS = {"x-api-key", SimClient.KEY, "anthropic-version", "2023-06-01"};
    private static ProviderSimulator sim;

    /** Simulated time runs {@code factor} times faster than the wall from the moment the clock is made. */
    private static InstantSource faster(long factor) {
        Instant start = Instant.parse("2026-12-01T02:00:00Z");
        long origin = System.nanoTime();
        return () -> start.plusNanos((System.nanoTime() - origin) * factor);
    }

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(
                SimulatorConfig.from(ConfigLoader.loadDefault(Map.of()))
                        .withProvider("anthropic", p -> p.withLimits(new Limits(1000, null, null, null, null, null))),
                faster(1000));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void aTenMinuteTurnaroundSetByTheAdminEndpointPassesInScaledTimeOutsideTheRateLimiter() throws Exception {
        // Given a ten-minute turnaround set at run time, and synchronous requests rate-limited
        SimClient.Reply scripted = SimClient.post(
                sim.baseUrl() + "/admin/providers/anthropic",
                new JsonObject().put("batch", new JsonObject().put("turnaroundMs", 600_000)));
        assertThat(scripted.status()).isEqualTo(200);
        assertThat(scripted.json().getJsonObject("batch").getLong("turnaroundMs"))
                .isEqualTo(600_000L);
        assertThat(scripted.json().getJsonObject("batch").getString("priceFactor"))
                .isEqualTo("0.5");
        JsonArray requests = new JsonArray();
        for (int i = 0; i < 4; i++) {
            requests.add(new JsonObject()
                    .put("custom_id", "job-" + i)
                    .put(
                            "params",
                            Prompts.anthropic(
                                    "claude-3-5-haiku-20241022",
                                    Prompts.DOCS_SYSTEM,
                                    Prompts.JAVA_UNIT.replace("Greeter", "Greeter" + i),
                                    2048)));
        }
        String batches = sim.baseUrlFor("anthropic") + "/v1/messages/batches";

        // When a batch of four is created and polled until it ends, then one synchronous call is made
        long began = System.nanoTime();
        String id = SimClient.post(batches, new JsonObject().put("requests", requests), HEADERS)
                .json()
                .getString("id");
        JsonObject batch = await("the batch ends")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> SimClient.send(batches + "/" + id, "GET", null, HEADERS)
                                .json(),
                        b -> b.getString("processing_status").equals("ended"));
        Duration wall = Duration.ofNanos(System.nanoTime() - began);
        JsonObject params = requests.getJsonObject(0).getJsonObject("params");
        int sync = SimClient.post(sim.baseUrlFor("anthropic") + "/v1/messages", params, HEADERS)
                .status();

        // Then it ended with all four answered, ten simulated minutes after creation, in a fraction of that wall time
        assertThat(batch.getJsonObject("request_counts").getInteger("succeeded"))
                .isEqualTo(4);
        assertThat(Duration.between(
                        Instant.parse(batch.getString("created_at")), Instant.parse(batch.getString("ended_at"))))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(wall).isLessThan(Duration.ofSeconds(10));
        // And the batch items never went through the synchronous limiter: it admitted the one synchronous call only
        assertThat(sync).isEqualTo(200);
        assertThat(sim.limitLog("anthropic").admitted()).hasSize(1);
        assertThat(sim.bill("anthropic"))
                .extracting(BillEntry::tier)
                .containsExactly(
                        ServiceTier.BATCH,
                        ServiceTier.BATCH,
                        ServiceTier.BATCH,
                        ServiceTier.BATCH,
                        ServiceTier.STANDARD);
    }
}
