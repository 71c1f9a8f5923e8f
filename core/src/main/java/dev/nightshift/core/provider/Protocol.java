package dev.nightshift.core.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The wire protocol a provider speaks. */
public enum Protocol {
    /** OpenAI Chat Completions; also DeepSeek, Qwen, Mistral, OpenRouter, LiteLLM, Ollama, vLLM. */
    OPENAI,
    /** Anthropic Messages. */
    ANTHROPIC,
    /** Google Gemini generateContent. */
    GEMINI;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Protocol parse(String value) {
        for (Protocol p : values()) {
            if (p.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + value + "'; use one of: openai, anthropic, gemini");
    }
}
