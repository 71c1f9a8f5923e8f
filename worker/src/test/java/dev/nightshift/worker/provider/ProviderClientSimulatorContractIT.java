package dev.nightshift.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.billing.BillEntry;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.testkit.SimulatorFixture;
import dev.nightshift.worker.prompt.PromptBuilder;
import dev.nightshift.worker.support.TestConfigs;
import dev.nightshift.worker.support.TestJobs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each protocol's client against the provider simulator (which speaks the real wire shapes): usage must
 * equal what the simulator billed, and every fault must arrive as the right failure class.
 */
class ProviderClientSimulatorContractIT {
    private static final List<String> PROVIDERS = List.of("deepseek", "openai", "anthropic", "gemini");
    private static Vertx vertx;
    private static WebClient web;
    private static SimulatorFixture sim;

    @BeforeAll
    static void startSimulator() {
        vertx = Vertx.vertx();
        web = WebClient.create(vertx);
        NightshiftConfig config = TestConfigs.of(
                Map.of(
                        "deepseek",
                        Protocol.OPENAI,
                        "openai",
                        Protocol.OPENAI,
                        "anthropic",
                        Protocol.ANTHROPIC,
                        "gemini",
                        Protocol.GEMINI),
                Limits.UNLIMITED);
        sim = SimulatorFixture.start(config);
    }

    @AfterAll
    static void stop() {
        sim.close();
        web.close();
        vertx.close().await();
    }

    @AfterEach
    void clearFaults() {
        PROVIDERS.forEach(p -> sim.simulator().script(p, s -> s.withFaults(List.of())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"deepseek", "openai", "anthropic", "gemini"})
    void reportsExactlyTheUsageTheProviderBilled(String provider) {
        // Given a unit long enough for the provider's prompt cache, sent twice
        CallRequest request = request(
                "src/Big.java",
                "class Big {\n" + "    int field%d = %d;\n".repeat(1).repeat(1) + body(600) + "}\n");
        int before = sim.bill().size();
        // When
        Completion first =
                client(provider, Duration.ofSeconds(20)).complete(request).await();
        Completion second =
                client(provider, Duration.ofSeconds(20)).complete(request).await();
        // Then each call's normalised usage is what the simulator billed for it
        List<BillEntry> bill = sim.simulator().bill(provider);
        assertThat(sim.bill()).hasSize(before + 2);
        assertThat(first.usage()).isEqualTo(bill.get(bill.size() - 2).usage());
        assertThat(second.usage()).isEqualTo(bill.get(bill.size() - 1).usage());
        assertThat(first.text()).isNotBlank();
        if (!provider.equals("anthropic")) {
            // Anthropic caches only what cache_control marks, and our system prefix is below its minimum
            assertThat(second.usage().cacheReadInputOrZero()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deepseek", "openai", "anthropic", "gemini"})
    void continuesADocumentCutAtTheOutputLimitUntilItIsWholeAndBillsEveryCall(String provider) {
        // Given a file whose document is several times a small output budget
        StringBuilder code = new StringBuilder("public class Shelf {\n");
        for (int i = 0; i < 12; i++) {
            code.append("    public int stock")
                    .append(i)
                    .append("(int count) { return count + ")
                    .append(i)
                    .append("; }\n");
        }
        String source = code.append("}\n").toString();
        var job = TestJobs.job("contract", "src/Shelf.java", TaskType.DOCS);
        List<String> symbols = new java.util.ArrayList<>(List.of("Shelf"));
        for (int i = 0; i < 12; i++) {
            symbols.add("Shelf.stock" + i);
        }
        var docsJob = new dev.nightshift.core.job.Job(
                job.jobId(),
                job.runId(),
                job.tenant(),
                job.repository(),
                job.commit(),
                job.task(),
                "src/Shelf.java",
                "java",
                job.contentHash(),
                "1",
                source,
                10,
                150,
                true,
                null,
                dev.nightshift.core.docs.DocsTarget.file("src/Shelf.java.md", symbols));
        CallRequest small = new CallRequest("wire-" + TestConfigs.MODEL, new PromptBuilder().build(docsJob), 150);
        ProviderClient client = client(provider, Duration.ofSeconds(20));
        String whole = client.complete(new CallRequest(small.model(), small.prompt(), 8_000))
                .await()
                .text();
        int before = sim.simulator().bill(provider).size();

        // When it is continued while the provider says it stopped at the limit
        Completion reply = client.complete(small).await();
        int calls = 1;
        while (reply.truncated() && calls < 20) {
            Completion next = client.complete(small.continuing(reply.text())).await();
            reply = reply.continuedBy(next, client.joinContinuation(reply.text(), next.text()));
            calls++;
        }

        // Then the joined reply is the whole document, and the usage is every call's
        assertThat(calls).isGreaterThan(2);
        assertThat(reply.truncated()).isFalse();
        assertThat(reply.text().strip()).isEqualTo(whole.strip());
        List<BillEntry> bill = sim.simulator().bill(provider);
        assertThat(bill).hasSize(before + calls);
        assertThat(reply.usage().outputOrZero())
                .isEqualTo(bill.subList(before, bill.size()).stream()
                        .mapToLong(b -> b.usage().outputOrZero())
                        .sum());
    }

    static Stream<Arguments> faults() {
        // A fixed order (Map.ofEntries iterates in a per-JVM random one): faults that drop the connection come
        // last for each provider, so a pooled connection the simulator just closed is met by a case that
        // expects a transport failure anyway, never by one that expects an HTTP error's class.
        Map<Fault, FailureClass> expected = orderedOf(
                Map.entry(Fault.SERVER_ERROR, FailureClass.TRANSIENT),
                Map.entry(Fault.UNAVAILABLE, FailureClass.OVERLOADED),
                Map.entry(Fault.OVERLOADED, FailureClass.OVERLOADED),
                Map.entry(Fault.RATE_LIMITED, FailureClass.RATE_LIMITED),
                Map.entry(Fault.INSUFFICIENT_QUOTA, FailureClass.QUOTA_EXHAUSTED),
                Map.entry(Fault.BAD_REQUEST, FailureClass.BAD_REQUEST),
                Map.entry(Fault.CONTEXT_TOO_LONG, FailureClass.CONTEXT_TOO_LONG),
                Map.entry(Fault.UNAUTHORIZED, FailureClass.UNAUTHORIZED),
                Map.entry(Fault.CONTENT_FILTERED, FailureClass.CONTENT_FILTERED),
                Map.entry(Fault.KEEPALIVE_THEN_CLOSE, FailureClass.TRANSIENT),
                Map.entry(Fault.DISCONNECT, FailureClass.TRANSIENT),
                Map.entry(Fault.MALFORMED_JSON, FailureClass.TRANSIENT),
                Map.entry(Fault.TRUNCATED_JSON, FailureClass.TRANSIENT));
        return PROVIDERS.stream()
                .flatMap(p -> expected.entrySet().stream().map(e -> Arguments.of(p, e.getKey(), e.getValue())));
    }

    @SafeVarargs
    private static Map<Fault, FailureClass> orderedOf(Map.Entry<Fault, FailureClass>... entries) {
        Map<Fault, FailureClass> ordered = new java.util.LinkedHashMap<>();
        for (Map.Entry<Fault, FailureClass> e : entries) {
            ordered.put(e.getKey(), e.getValue());
        }
        return ordered;
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @MethodSource("faults")
    void classifiesEveryFaultOfTheSimulator(String provider, Fault fault, FailureClass expected) {
        // Given
        sim.simulator()
                .script(
                        provider,
                        s -> s.withFaults(
                                List.of(FaultRule.always(fault).withDelayMs(300).withRetryAfterMs(1500))));
        // When
        ProviderFailure failure =
                failureOf(client(provider, Duration.ofSeconds(20)).complete(request("src/A.java", "class A {}\n")));
        // Then
        assertThat(failure.failureClass()).isEqualTo(expected);
        if (fault == Fault.RATE_LIMITED && !provider.equals("deepseek")) {
            // DeepSeek sends no retry hints at all (no header, no wait in the message); the others do, each in its own
            // form.
            assertThat(failure.retryAfter()).as("retry hint").isPresent();
            assertThat(failure.retryAfter().get()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deepseek", "openai", "anthropic", "gemini"})
    void survivesKeepAliveLinesSlowFirstBytesAndBodiesOverOneMegabyte(String provider) {
        for (Fault fault : List.of(Fault.KEEPALIVE_THEN_JSON, Fault.SLOW_FIRST_BYTE, Fault.LARGE_BODY)) {
            sim.simulator()
                    .script(
                            provider,
                            s -> s.withFaults(List.of(FaultRule.always(fault).withDelayMs(500))));
            Completion c = client(provider, Duration.ofSeconds(20))
                    .complete(request("src/A.java", "class A {}\n"))
                    .await();
            assertThat(c.text()).as(fault.id()).isNotBlank();
            if (fault == Fault.LARGE_BODY) {
                assertThat(c.text().length()).isGreaterThan(1_000_000);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deepseek", "gemini"})
    void failsAtTheDeadlineWhenTheFirstByteNeverComesInTime(String provider) {
        sim.simulator()
                .script(
                        provider,
                        s -> s.withFaults(List.of(
                                FaultRule.always(Fault.KEEPALIVE_THEN_JSON).withDelayMs(5000))));
        ProviderFailure f =
                failureOf(client(provider, Duration.ofMillis(700)).complete(request("src/A.java", "class A {}\n")));
        // the provider may still answer and bill it: its outcome is unknown, and the same call waits another deadline
        assertThat(f).isInstanceOf(ProviderFailure.Abandoned.class);
        assertThat(f.reason()).contains("deadline");
        assertThat(f.retryAfter()).contains(Duration.ofMillis(700));
    }

    private static String body(int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append("    int field").append(i).append(" = ").append(i * 7).append("; // keeps the unit long\n");
        }
        return b.toString();
    }

    private static CallRequest request(String path, String content) {
        var job = TestJobs.job("contract", path, TaskType.DOCS);
        var withContent = new dev.nightshift.core.job.Job(
                job.jobId(),
                job.runId(),
                job.tenant(),
                job.repository(),
                job.commit(),
                job.task(),
                path,
                "java",
                job.contentHash(),
                "1",
                content,
                10,
                512,
                true);
        return new CallRequest("wire-" + TestConfigs.MODEL, new PromptBuilder().build(withContent), 512);
    }

    private static ProviderClient client(String provider, Duration deadline) {
        return ProviderClients.forProvider(
                sim.config().provider(provider),
                Optional.of(sim.keys().get(provider)),
                vertx,
                web,
                InstantSource.system(),
                deadline);
    }

    private static ProviderFailure failureOf(Future<?> future) {
        try {
            future.await();
        } catch (ProviderCallException e) {
            return e.failure();
        }
        throw new AssertionError("expected the call to fail");
    }
}
