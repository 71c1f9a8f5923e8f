package dev.nightshift.simulator.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Each protocol's continuation of a reply cut at the output limit, as the wire reads it. */
class ContinuationTest {
    private static final String SYSTEM = "You document code.";
    private static final String USER = "Document this file.\nPath: a/B.java\n```java\nclass B {}\n```\n";
    private static final String PARTIAL = "# B.java\n\n## Purpose\n\n";
    private static final String CONTINUE =
            "Continue exactly where your previous reply stopped. Do not repeat anything already written.";

    private static JsonObject message(String role, String content) {
        return new JsonObject().put("role", role).put("content", content);
    }

    @Test
    void openAiReadsSystemUserAssistantContinueAsAContinuationOfTheOriginalPrompt() {
        // Given the worker's continuation on the OpenAI protocol
        JsonObject body = new JsonObject()
                .put("model", "m")
                .put(
                        "messages",
                        new JsonArray()
                                .add(message("system", SYSTEM))
                                .add(message("user", USER))
                                .add(message("assistant", PARTIAL))
                                .add(message("user", CONTINUE)));

        // When parsed
        ChatRequest request = new OpenAiWire().parse(body, null);

        // Then the whole text is the prompt, and the original prompt and the partial reply are kept apart
        assertThat(request.prompt()).isEqualTo(SYSTEM + "\n\n" + USER + "\n\n" + PARTIAL + "\n\n" + CONTINUE);
        assertThat(request.continuation()).isEqualTo(new Continuation(SYSTEM + "\n\n" + USER, PARTIAL));
        assertThat(request.artifactPrompt()).isEqualTo(SYSTEM + "\n\n" + USER);
        assertThat(request.asStream().continuation()).isEqualTo(request.continuation());
    }

    @Test
    void openAiTakesEveryEarlierPartialInOrderWhenTheConversationGrows() {
        JsonObject body = new JsonObject()
                .put("model", "m")
                .put(
                        "messages",
                        new JsonArray()
                                .add(message("system", SYSTEM))
                                .add(message("user", USER))
                                .add(message("assistant", "# B"))
                                .add(message("user", CONTINUE))
                                .add(message("assistant", ".java\n"))
                                .add(message("user", CONTINUE)));
        assertThat(new OpenAiWire().parse(body, null).continuation().partial()).isEqualTo("# B.java\n");
    }

    @Test
    void anOrdinaryConversationIsNoContinuation() {
        // Given a second question after an answer, and an OpenAI call ending on an assistant turn (no prefill there)
        JsonObject chat = new JsonObject()
                .put("model", "m")
                .put(
                        "messages",
                        new JsonArray()
                                .add(message("user", USER))
                                .add(message("assistant", PARTIAL))
                                .add(message("user", "Now explain it to a child.")));
        JsonObject endsOnAssistant = new JsonObject()
                .put("model", "m")
                .put("messages", new JsonArray().add(message("user", USER)).add(message("assistant", PARTIAL.strip())));

        // Then neither is read as a continuation
        assertThat(new OpenAiWire().parse(chat, null).continuation()).isNull();
        assertThat(new OpenAiWire().parse(endsOnAssistant, null).continuation()).isNull();
        assertThat(new OpenAiWire()
                        .parse(
                                new JsonObject()
                                        .put("model", "m")
                                        .put("messages", new JsonArray().add(message("user", USER))),
                                null)
                        .continuation())
                .isNull();
    }

    @Test
    void geminiReadsUserModelContinueWithTheSystemInstruction() {
        JsonObject body = new JsonObject()
                .put(
                        "systemInstruction",
                        new JsonObject().put("parts", new JsonArray().add(new JsonObject().put("text", SYSTEM))))
                .put(
                        "contents",
                        new JsonArray()
                                .add(content("user", USER))
                                .add(content("model", PARTIAL))
                                .add(content("user", CONTINUE)));

        ChatRequest request = new GeminiWire().parse(body, "gemini-1.5-flash");

        assertThat(request.continuation()).isEqualTo(new Continuation(SYSTEM + "\n\n" + USER, PARTIAL));
        assertThat(request.prompt()).endsWith(PARTIAL + "\n\n" + CONTINUE);
    }

    private static JsonObject content(String role, String text) {
        return new JsonObject().put("role", role).put("parts", new JsonArray().add(new JsonObject().put("text", text)));
    }

    @Test
    void anthropicReadsALastAssistantTurnAsAPrefillToContinue() {
        // Given a prefill with the partial reply, its trailing whitespace removed, in content blocks
        JsonObject body = new JsonObject()
                .put("model", "m")
                .put("max_tokens", 100)
                .put("system", SYSTEM)
                .put(
                        "messages",
                        new JsonArray()
                                .add(message("user", USER))
                                .add(new JsonObject()
                                        .put("role", "assistant")
                                        .put(
                                                "content",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("type", "text")
                                                                .put("text", PARTIAL.stripTrailing())))));

        ChatRequest request = new AnthropicWire().parse(body, null);

        assertThat(request.continuation()).isEqualTo(new Continuation(SYSTEM + "\n\n" + USER, PARTIAL.stripTrailing()));
        assertThat(request.prompt()).isEqualTo(SYSTEM + "\n\n" + USER + "\n\n" + PARTIAL.stripTrailing());
    }

    @Test
    void anthropicRefusesAPrefillEndingInWhitespaceAsTheRealApiDoes() {
        JsonObject body = new JsonObject()
                .put("model", "m")
                .put("max_tokens", 100)
                .put("messages", new JsonArray().add(message("user", USER)).add(message("assistant", PARTIAL)));
        assertThatThrownBy(() -> new AnthropicWire().parse(body, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("messages: final assistant content cannot end with trailing whitespace");
    }

    @Test
    void theRemainderFollowsThePartialOrStartsWhereItDiverges() {
        String whole = "# B.java\n\n## Purpose\n\nB is a class.\n";
        assertThat(new Continuation("p", "# B.java\n\n").remainderOf(whole)).isEqualTo("## Purpose\n\nB is a class.\n");
        assertThat(new Continuation("p", "# B.java").remainderOf(whole)).isEqualTo("\n\n## Purpose\n\nB is a class.\n");
        assertThat(new Continuation("p", "# B.kt is").remainderOf(whole))
                .isEqualTo("java\n\n## Purpose\n\nB is a class.\n");
        assertThat(new Continuation("p", whole + "more").remainderOf(whole)).isEmpty();
    }
}
