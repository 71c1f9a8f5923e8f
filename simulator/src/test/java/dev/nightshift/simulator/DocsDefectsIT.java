package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.simulator.reply.ArtifactWriter;
import dev.nightshift.simulator.reply.DocsDefects;
import dev.nightshift.simulator.reply.DocsPrompts;
import dev.nightshift.simulator.reply.SimulatedModel;
import dev.nightshift.simulator.reply.TestDefects;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hallucination profile over HTTP: switched on for one model in code, and for a provider through the admin
 * endpoint; a review round naming the invented name gets the document without it.
 */
class DocsDefectsIT {
    private static final String CODE =
            "package shop;\n\npublic class Cart {\n    public void add(Item item) {\n    }\n\n"
                    + "    public long total() {\n        return 0;\n    }\n}\n";
    private static final String USER = DocsPrompts.file(
            "src/main/java/shop/Cart.java", "java", List.of("Cart", "Cart.add(Item)", "Cart.total()"), CODE);
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.from(ConfigLoader.loadDefault(Map.of()))
                .withProvider("openai", p -> p.withDocsDefects("gpt-4o-mini", 1.0)));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String openAi(String model, String user) {
        SimClient.Reply reply = SimClient.post(
                sim.baseUrlFor("openai") + "/chat/completions",
                Prompts.openAi(model, DocsPrompts.SYSTEM, user),
                "authorization",
                "Bearer " + SimClient.KEY);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json()
                .getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message")
                .getString("content");
    }

    private static List<String> apiHeadings(String doc) {
        Matcher m = Pattern.compile("(?m)^### `(.+)`$").matcher(doc);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void theModelSwitchedOnInventsANameAndAReviewNamingItRemovesIt() {
        // Given gpt-4o-mini set to hallucinate every time (gpt-4o on the same provider left alone)
        // When both document Cart.java
        String hallucinated = openAi("gpt-4o-mini", USER);
        String truthful = openAi("gpt-4o", USER);

        // Then only the first has a fourth, invented symbol, absent from the code
        assertThat(apiHeadings(truthful)).containsExactly("Cart", "Cart.add(Item)", "Cart.total()");
        List<String> headings = apiHeadings(hallucinated);
        assertThat(headings).hasSize(4);
        String invented = headings.get(3).replace("()", "");
        assertThat(CODE).doesNotContain(invented.substring("Cart.".length()));

        // When the review round names it
        String review = DocsPrompts.review(USER, 1, "unknown names: " + invented, hallucinated);
        String repaired = openAi("gpt-4o-mini", review);

        // Then the name is gone: the document is the truthful one
        assertThat(repaired)
                .doesNotContain(invented.substring("Cart.".length()))
                .isEqualTo(truthful);
        assertThat(hallucinated)
                .isEqualTo(ArtifactWriter.write(
                        DocsPrompts.joined(USER),
                        new SimulatedModel(
                                "gpt-4o-mini",
                                TestDefects.NONE,
                                DocsDefects.alwaysHallucinating(),
                                SimulatorConfig.DEFAULT_SEED)));
    }

    @Test
    void theAdminEndpointSwitchesHallucinationsOnForAProvider() {
        // Given anthropic with the built-in profile: no hallucinations
        assertThat(apiHeadings(anthropic())).hasSize(3);

        // When the admin endpoint turns them on for all its models
        SimClient.Reply posted = SimClient.send(
                sim.baseUrl() + "/admin/providers/anthropic",
                "POST",
                "{\"docsDefects\": {\"default\": {\"hallucinatedNames\": 1.0}}}");

        // Then the settings show it, and the next document invents a name
        assertThat(posted.status()).isEqualTo(200);
        assertThat(new JsonObject(posted.body())
                        .getJsonObject("docsDefects")
                        .getJsonObject("default")
                        .getDouble("hallucinatedNames"))
                .isEqualTo(1.0);
        assertThat(apiHeadings(anthropic())).hasSize(4);

        // And an impossible rate is refused
        SimClient.Reply refused = SimClient.send(
                sim.baseUrl() + "/admin/providers/anthropic",
                "POST",
                "{\"docsDefects\": {\"default\": {\"hallucinatedNames\": 2}}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("hallucinatedNames");
    }

    private static String anthropic() {
        return SimClient.post(
                        sim.baseUrlFor("anthropic") + "/v1/messages",
                        Prompts.anthropic("claude-3-5-haiku-20241022", DocsPrompts.SYSTEM, USER, 4096),
                        "x-api-key",
                        SimClient.KEY,
                        "anthropic-version",
                        "2023-06-01")
                .json()
                .getJsonArray("content")
                .getJsonObject(0)
                .getString("text");
    }
}
