package dev.nightshift.simulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.wire.ChatRequest;
import dev.nightshift.simulator.wire.Continuation;
import dev.nightshift.simulator.wire.Finish;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposerTest {
    private static final String PROMPT = "Write the documentation of this file.\n\nFile: src/Greeter.java\n"
            + "```java\nclass Greeter {\n    String greet(String name) { return \"Hello \" + name; }\n}\n```\n";

    @Test
    void anEmptyReplyAtTheOutputLimitHasNoTextYetBillsTheInputAndTheWholeBudget() {
        for (Protocol protocol : Protocol.values()) {
            // Given a provider of each protocol and a request with an output budget of 300 tokens
            ProviderSettings settings = ProviderSettings.of("p", protocol, Map.of("m", Price.of("1", "2")));
            ChatRequest request = new ChatRequest("m", PROMPT, null, 300, false, false);
            Composer.Composed normal = Composer.compose(request, settings, new Composer.CacheHit.None(), null);

            // When the model spends the whole budget thinking
            Composer.Composed empty =
                    Composer.compose(request, settings, new Composer.CacheHit.None(), Fault.EMPTY_AT_LENGTH);

            // Then nothing is visible, it stopped at the limit, and the bill has the prompt and the 300 tokens
            assertThat(empty.text()).as("%s", protocol).isEmpty();
            assertThat(empty.finish()).isEqualTo(Finish.LENGTH);
            assertThat(empty.usage().visibleOutput()).isZero();
            assertThat(empty.usage().normalised().output()).isEqualTo(300L);
            assertThat(empty.usage().promptTotal())
                    .isEqualTo(normal.usage().promptTotal())
                    .isPositive();
        }
    }

    @Test
    void withoutAnOutputBudgetTheEmptyReplyBillsWhatTheReplyWouldHaveUsed() {
        ProviderSettings settings = ProviderSettings.of("p", Protocol.OPENAI, Map.of("m", Price.of("1", "2")));
        ChatRequest request = new ChatRequest("m", PROMPT, null, null, false, false);

        Composer.Composed empty =
                Composer.compose(request, settings, new Composer.CacheHit.None(), Fault.EMPTY_AT_LENGTH);

        assertThat(empty.text()).isEmpty();
        assertThat(empty.usage().normalised().output()).isPositive();
    }

    @Test
    void theFaultIsNamedLikeTheOthers() {
        assertThat(Fault.parse("empty-at-length")).isEqualTo(Fault.EMPTY_AT_LENGTH);
        assertThat(Fault.EMPTY_AT_LENGTH.isError()).isFalse();
    }

    @Test
    void continuationsCutAtTheirOwnBudgetAndJoinIntoTheWholeReply() {
        // Given the whole reply to a prompt, and the same prompt with a budget of 60 tokens
        ProviderSettings settings = ProviderSettings.of("p", Protocol.OPENAI, Map.of("m", Price.of("1", "2")));
        String whole = Composer.compose(
                        new ChatRequest("m", PROMPT, null, null, false, false),
                        settings,
                        new Composer.CacheHit.None(),
                        null)
                .text();
        Composer.Composed first = Composer.compose(
                new ChatRequest("m", PROMPT, null, 60, false, false), settings, new Composer.CacheHit.None(), null);
        assertThat(first.finish()).isEqualTo(Finish.LENGTH);
        StringBuilder joined = new StringBuilder(first.text());

        // When the reply is continued until the model stops on its own
        int calls = 1;
        Composer.Composed next;
        do {
            String prompt = PROMPT + "\n\n" + joined + "\n\nContinue exactly where your previous reply stopped.";
            ChatRequest request =
                    new ChatRequest("m", prompt, null, 60, false, false, new Continuation(PROMPT, joined.toString()));
            next = Composer.compose(request, settings, new Composer.CacheHit.None(), null);
            // Then each call counts its whole prompt as input and only what it writes as output
            assertThat(next.usage().promptTotal()).isEqualTo(TokenCounter.count(prompt));
            assertThat(next.usage().output())
                    .isEqualTo(TokenCounter.count(next.text()))
                    .isLessThanOrEqualTo(60);
            joined.append(next.text());
            calls++;
        } while (next.finish() == Finish.LENGTH && calls < 50);

        // And the pieces join into the whole reply
        assertThat(next.finish()).isEqualTo(Finish.STOP);
        assertThat(calls).isGreaterThan(2);
        assertThat(joined.toString()).isEqualTo(whole);
    }
}
