package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import io.vertx.core.json.JsonObject;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scripted faults, each in the shape the real provider gives it, against the real server. */
class FaultsIT {
    @RegisterExtension
    static final DefaultSimulator SIM = new DefaultSimulator();

    private static SimClient.Reply openai(String provider, String model) {
        return SimClient.post(
                SIM.get().baseUrlFor(provider) + "/chat/completions",
                Prompts.openAi(model, Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT),
                "authorization",
                "Bearer " + SimClient.KEY);
    }

    private static SimClient.Reply anthropic() {
        return SimClient.post(
                SIM.get().baseUrlFor("anthropic") + "/v1/messages",
                Prompts.anthropic("claude-3-5-haiku-20241022", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT, 2048),
                "x-api-key",
                SimClient.KEY,
                "anthropic-version",
                "2023-06-01");
    }

    private static SimClient.Reply gemini() {
        return SimClient.post(
                SIM.get().baseUrlFor("gemini") + "/models/gemini-1.5-flash:generateContent",
                Prompts.gemini(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT),
                "x-goog-api-key",
                SimClient.KEY);
    }

    @Test
    void answersServerErrorsIn500OfEachShape() {
        // Given every protocol scripted to fail with a server error
        for (String p : List.of("openai", "anthropic", "gemini")) {
            SIM.get().script(p, s -> s.withFault(FaultRule.always(Fault.SERVER_ERROR)));
        }

        // When each is called
        SimClient.Reply o = openai("openai", "gpt-4o-mini");
        SimClient.Reply a = anthropic();
        SimClient.Reply g = gemini();

        // Then each answers 500 in its own error shape, and nothing is billed
        assertThat(o.status()).isEqualTo(500);
        assertThat(o.json().getJsonObject("error").getString("type")).isEqualTo("server_error");
        assertThat(a.status()).isEqualTo(500);
        assertThat(a.json().getJsonObject("error").getString("type")).isEqualTo("api_error");
        assertThat(g.status()).isEqualTo(500);
        assertThat(g.json().getJsonObject("error").getString("status")).isEqualTo("INTERNAL");
        assertThat(SIM.get().bill()).isEmpty();
    }

    @Test
    void answersAnthropicOverloadWith529() {
        // Given anthropic overloaded
        SIM.get().script("anthropic", s -> s.withFault(FaultRule.always(Fault.OVERLOADED)));

        // When called
        SimClient.Reply reply = anthropic();

        // Then 529 overloaded_error
        assertThat(reply.status()).isEqualTo(529);
        assertThat(reply.json().getJsonObject("error").getString("type")).isEqualTo("overloaded_error");
        assertThat(reply.json().getJsonObject("error").getString("message")).isEqualTo("Overloaded");
    }

    @Test
    void answersGeminiRateLimitWithResourceExhaustedAndRetryInfo() {
        // Given gemini rate-limited, asking for 1.5 s
        SIM.get()
                .script(
                        "gemini",
                        s -> s.withFault(FaultRule.always(Fault.RATE_LIMITED).withRetryAfterMs(1500)));

        // When called
        SimClient.Reply reply = gemini();

        // Then 429 RESOURCE_EXHAUSTED with a RetryInfo detail and the delay in the message
        assertThat(reply.status()).isEqualTo(429);
        JsonObject error = reply.json().getJsonObject("error");
        assertThat(error.getString("status")).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.getString("message")).contains("Please retry in 1.5s.");
        List<JsonObject> details = error.getJsonArray("details").stream()
                .map(JsonObject.class::cast)
                .toList();
        assertThat(details).anySatisfy(d -> {
            assertThat(d.getString("@type")).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
            assertThat(d.getString("retryDelay")).isEqualTo("1.5s");
        });
        assertThat(details).anySatisfy(d -> assertThat(d.getString("@type"))
                .isEqualTo("type.googleapis.com/google.rpc.QuotaFailure"));
    }

    @Test
    void answersOpenAiRateLimitWithRetryAfterHeaders() {
        // Given openai rate-limited, asking for 1.2 s
        SIM.get()
                .script(
                        "openai",
                        s -> s.withFault(FaultRule.always(Fault.RATE_LIMITED).withRetryAfterMs(1200)));

        // When called
        SimClient.Reply reply = openai("openai", "gpt-4o-mini");

        // Then 429 rate_limit_exceeded with retry-after (ceil seconds), retry-after-ms and "try again in" text
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("retry-after")).isEqualTo("2");
        assertThat(reply.header("retry-after-ms")).isEqualTo("1200");
        JsonObject error = reply.json().getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("rate_limit_exceeded");
        assertThat(error.getString("type")).isEqualTo("requests");
        assertThat(error.getString("message")).contains("Please try again in 1.2s.");
    }

    @Test
    void answersQuotaExhaustionAsEachProviderDoes() {
        // Given openai and deepseek out of quota
        SIM.get().script("openai", s -> s.withFault(FaultRule.always(Fault.INSUFFICIENT_QUOTA)));
        SIM.get().script("deepseek", s -> s.withFault(FaultRule.always(Fault.INSUFFICIENT_QUOTA)));

        // When each is called
        SimClient.Reply o = openai("openai", "gpt-4o-mini");
        SimClient.Reply d = openai("deepseek", "deepseek-chat");

        // Then openai says 429 insufficient_quota without retry-after, deepseek 402 Insufficient Balance
        assertThat(o.status()).isEqualTo(429);
        assertThat(o.json().getJsonObject("error").getString("code")).isEqualTo("insufficient_quota");
        assertThat(o.json().getJsonObject("error").getString("type")).isEqualTo("insufficient_quota");
        assertThat(o.header("retry-after")).isNull();
        assertThat(d.status()).isEqualTo(402);
        assertThat(d.json().getJsonObject("error").getString("message")).isEqualTo("Insufficient Balance");
    }

    @Test
    void sendsBlankLinesBeforeTheJsonLikeDeepSeekUnderLoad() throws JsonProcessingException {
        // Given deepseek holding the connection with keep-alive blank lines for 500 ms
        SIM.get()
                .script(
                        "deepseek",
                        s -> s.withFault(
                                FaultRule.always(Fault.KEEPALIVE_THEN_JSON).withDelayMs(500)));

        // When called
        SimClient.Reply reply = openai("deepseek", "deepseek-chat");

        // Then the body starts with blank lines, then is a complete reply a lenient parser reads, and it is billed
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).startsWith("\n\n");
        assertThat(new ObjectMapper()
                        .readTree(reply.body())
                        .path("usage")
                        .path("prompt_cache_miss_tokens")
                        .asLong())
                .isPositive();
        assertThat(SIM.get().bill()).hasSize(1);
    }

    @Test
    void sendsBlankLinesThenAnEmptyBodyLikeDeepSeekGivingUp() {
        // Given deepseek giving up after keep-alive lines
        SIM.get()
                .script(
                        "deepseek",
                        s -> s.withFault(
                                FaultRule.always(Fault.KEEPALIVE_THEN_CLOSE).withDelayMs(300)));

        // When called
        SimClient.Reply reply = openai("deepseek", "deepseek-chat");

        // Then the body holds nothing but whitespace, and nothing is billed
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isNotEmpty().isBlank();
        assertThat(SIM.get().bill()).isEmpty();
    }

    @Test
    void sendsMalformedAndTruncatedJsonOnDemand() {
        // Given openai answering once malformed, once truncated, then normally
        SIM.get()
                .script(
                        "openai",
                        s -> s.withFaults(List.of(
                                FaultRule.times(Fault.MALFORMED_JSON, 1), FaultRule.times(Fault.TRUNCATED_JSON, 1))));

        // When called three times
        SimClient.Reply malformed = openai("openai", "gpt-4o-mini");
        SimClient.Reply truncated = openai("openai", "gpt-4o-mini");
        SimClient.Reply fine = openai("openai", "gpt-4o-mini");

        // Then the first two are 200s whose bodies do not parse, the third parses; only the third is billed
        ObjectMapper mapper = new ObjectMapper();
        assertThat(malformed.status()).isEqualTo(200);
        assertThatThrownBy(() -> mapper.readTree(malformed.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(truncated.status()).isEqualTo(200);
        assertThatThrownBy(() -> mapper.readTree(truncated.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(fine.json().getString("object")).isEqualTo("chat.completion");
        assertThat(SIM.get().bill()).hasSize(1);
    }

    @Test
    void closesTheConnectionWithoutAnswerOnDemand() {
        // Given openai dropping the next connection
        SIM.get().script("openai", s -> s.withFault(FaultRule.times(Fault.DISCONNECT, 1)));

        // When called
        // Then the client sees an I/O error, not a response
        assertThatThrownBy(() -> openai("openai", "gpt-4o-mini")).isInstanceOf(UncheckedIOException.class);
        assertThat(openai("openai", "gpt-4o-mini").status()).isEqualTo(200);
    }

    @Test
    void rejectsPromptsContainingAScriptedTextAlways() {
        // Given a poison rule: any prompt containing "class Greeter" gets a 400
        SIM.get().script("openai", s -> s.withFault(FaultRule.whenPromptContains(Fault.BAD_REQUEST, "class Greeter")));

        // When the poison prompt is sent twice and another prompt once
        SimClient.Reply first = openai("openai", "gpt-4o-mini");
        SimClient.Reply again = openai("openai", "gpt-4o-mini");
        SimClient.Reply other = SimClient.post(
                SIM.get().baseUrlFor("openai") + "/chat/completions",
                Prompts.openAi("gpt-4o-mini", Prompts.DOCS_SYSTEM, Prompts.PYTHON_UNIT),
                "authorization",
                "Bearer " + SimClient.KEY);

        // Then the poison prompt always gets 400 invalid_request_error, the other succeeds
        assertThat(first.status()).isEqualTo(400);
        assertThat(again.status()).isEqualTo(400);
        assertThat(first.json().getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void answersContextTooLongAndContentFilteredInEachShape() {
        // Given openai rejecting the prompt as too long and anthropic refusing it
        SIM.get().script("openai", s -> s.withFault(FaultRule.always(Fault.CONTEXT_TOO_LONG)));
        SIM.get().script("anthropic", s -> s.withFault(FaultRule.always(Fault.CONTENT_FILTERED)));

        // When each is called
        SimClient.Reply tooLong = openai("openai", "gpt-4o-mini");
        SimClient.Reply refused = anthropic();

        // Then openai says context_length_exceeded, anthropic a 200 with stop_reason refusal
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().getJsonObject("error").getString("code")).isEqualTo("context_length_exceeded");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().getString("stop_reason")).isEqualTo("refusal");
    }

    @Test
    void servesABodyOverOneMegabyteOnDemand() {
        // Given gemini scripted for a large body
        SIM.get().script("gemini", s -> s.withFault(FaultRule.times(Fault.LARGE_BODY, 1)));

        // When called
        SimClient.Reply reply = gemini();

        // Then the body is over 1 MB, parses, and reports usage for all of it
        assertThat(reply.body().length()).isGreaterThan(1_000_000);
        assertThat(reply.json().getJsonObject("usageMetadata").getLong("candidatesTokenCount"))
                .isGreaterThan(100_000);
        assertThat(SIM.get().bill()).hasSize(1);
    }

    @Test
    void answersAfterASlowFirstByte() {
        // Given openai slow to send its first byte
        SIM.get()
                .script(
                        "openai",
                        s -> s.withFault(FaultRule.always(Fault.SLOW_FIRST_BYTE).withDelayMs(300)));

        // When called
        SimClient.Reply reply = openai("openai", "gpt-4o-mini");

        // Then the reply still arrives complete
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getJsonObject("usage").getLong("completion_tokens"))
                .isPositive();
    }

    @Test
    void takesAProviderDownAndUpOverTheAdminEndpoint() {
        // Given anthropic taken down over HTTP
        SimClient.Reply down =
                SimClient.send(SIM.get().baseUrl() + "/admin/providers/anthropic", "POST", "{\"down\": true}");

        // When it is called, then brought back up and called again
        SimClient.Reply whileDown = anthropic();
        SimClient.send(SIM.get().baseUrl() + "/admin/providers/anthropic", "POST", "{\"down\": false}");
        SimClient.Reply afterwards = anthropic();

        // Then it answered 529 while down and 200 after
        assertThat(down.status()).isEqualTo(200);
        assertThat(down.json().getBoolean("down")).isTrue();
        assertThat(whileDown.status()).isEqualTo(529);
        assertThat(afterwards.status()).isEqualTo(200);
    }

    @Test
    void scriptsFaultsOverTheAdminEndpoint() {
        // Given a fault rule posted as JSON
        SimClient.Reply posted = SimClient.send(
                SIM.get().baseUrl() + "/admin/providers/gemini",
                "POST",
                "{\"faults\": [{\"fault\": \"unavailable\", \"times\": 1}]}");

        // When gemini is called twice
        SimClient.Reply first = gemini();
        SimClient.Reply second = gemini();

        // Then the first gets 503 UNAVAILABLE, the second succeeds
        assertThat(posted.status()).isEqualTo(200);
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json().getJsonObject("error").getString("status")).isEqualTo("UNAVAILABLE");
        assertThat(second.status()).isEqualTo(200);
    }

    @Test
    void rejectsABadScriptWithAMessageNamingTheProblem() {
        // Given an unknown fault name
        // When posted
        SimClient.Reply reply = SimClient.send(
                SIM.get().baseUrl() + "/admin/providers/gemini", "POST", "{\"faults\": [{\"fault\": \"explode\"}]}");

        // Then 400 naming the bad value and the valid ones
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getString("error")).contains("explode").contains("server-error");
    }
}
