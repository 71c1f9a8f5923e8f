package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.simulator.reply.PromptReader;
import dev.nightshift.simulator.reply.SimulatedModel;
import dev.nightshift.simulator.reply.TestDefects;
import dev.nightshift.simulator.reply.TestsWriter;
import dev.nightshift.simulator.reply.WorkerPrompts;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests written over the wire: the server answers a test prompt as the model it is asked for, with that
 * model's configured defects and the simulator's seed, and repairs on a repair prompt; the profile can be
 * changed at run time through the admin endpoint.
 */
class GeneratedTestsIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final TestDefects ALWAYS_BROKEN = new TestDefects(1.0, 0.0, 0.0, 0.0, 1.0);
    private static final String CODE = "package com.acme;\n\npublic class Adder {\n    public int add(int a, int b) {\n"
            + "        return a + b;\n    }\n}\n";
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.from(CONFIG)
                .withSeed(9)
                .withProvider("deepseek", p -> p.withTestDefects(Map.of("deepseek-chat", ALWAYS_BROKEN))));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String prompt() {
        TestTarget target = WorkerPrompts.target(
                "src/test/java/com/acme/AdderTest.java",
                "AdderTest",
                TestFramework.JUNIT5,
                "src/main/java/com/acme/Adder.java",
                "package com.acme",
                List.of());
        return WorkerPrompts.tests("src/main/java/com/acme/Adder.java", "java", target, CODE);
    }

    private static String ask(String fullPrompt) {
        String user = fullPrompt.substring(WorkerPrompts.SYSTEM.length() + 2);
        SimClient.Reply reply = SimClient.post(
                sim.baseUrlFor("deepseek") + "/chat/completions",
                Prompts.openAi("deepseek-chat", WorkerPrompts.SYSTEM, user),
                "authorization",
                "Bearer " + SimClient.KEY);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json()
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message")
                .getString("content");
    }

    private static TestsWriter.TestReply expected(String fullPrompt, TestDefects defects) {
        return TestsWriter.reply(PromptReader.read(fullPrompt), new SimulatedModel("deepseek-chat", defects, 9));
    }

    @Test
    void answersAsTheConfiguredModelThenRepairsThenFollowsTheAdminEndpoint() {
        // Given DeepSeek scripted to break every first try and fix every repair
        String first = prompt();

        // When a first try is asked for over HTTP
        String broken = ask(first);

        // Then it is that model's broken test, seeded by the simulator's seed
        TestsWriter.TestReply local = expected(first, ALWAYS_BROKEN);
        assertThat(local.firstTry().id()).isEqualTo("build-error");
        assertThat(broken).isEqualTo(local.text()).contains("class AdderTest");

        // When the repair round comes
        String repair = WorkerPrompts.repair(
                first,
                "java",
                1,
                Verdict.BUILD_FAILED,
                "AdderTest.java:9: error: cannot find symbol",
                WorkerPrompts.fenced(broken));

        // Then the clean test comes back
        assertThat(ask(repair))
                .isEqualTo(expected(first, TestDefects.NONE).text())
                .isNotEqualTo(broken);

        // When the admin endpoint turns defects off for every DeepSeek model
        SimClient.Reply posted = SimClient.send(
                sim.baseUrl() + "/admin/providers/deepseek",
                "POST",
                "{\"testDefects\": {\"default\": {\"buildError\": 0, \"wrongAssertion\": 0, \"flaky\": 0, \"noGain\": 0}}}");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(new JsonObject(posted.body())
                        .getJsonObject("testDefects")
                        .getJsonObject("default")
                        .getDouble("buildError"))
                .isZero();

        // Then a first try is clean
        assertThat(ask(first)).isEqualTo(expected(first, TestDefects.NONE).text());
    }

    @Test
    void refusesAnImpossibleProfileAtRunTime() {
        SimClient.Reply posted = SimClient.send(
                sim.baseUrl() + "/admin/providers/deepseek",
                "POST",
                "{\"testDefects\": {\"deepseek-chat\": {\"buildError\": 0.8, \"wrongAssertion\": 0.5}}}");
        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.body()).contains("must not exceed 1");
    }
}
