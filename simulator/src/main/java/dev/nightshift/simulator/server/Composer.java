package dev.nightshift.simulator.server;

import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.reply.ArtifactWriter;
import dev.nightshift.simulator.reply.SeededTests;
import dev.nightshift.simulator.reply.SimulatedModel;
import dev.nightshift.simulator.wire.ChatRequest;
import dev.nightshift.simulator.wire.Finish;
import dev.nightshift.simulator.wire.WireUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The simulated model's work for one request: writes the reply and counts the usage the provider will
 * report. Pure and CPU-bound (tokenising a large prompt takes a while), so it runs off the event loop.
 */
final class Composer {
    static final int LARGE_BODY_CHARS = 1_100_000;

    /** What is known of the prompt cache before composing. */
    sealed interface CacheHit {
        /** Nothing cached or nothing cacheable. */
        record None() implements CacheHit {}

        /** Implicit caching: the first {@code chars} characters were served from the cache. */
        record Implicit(int chars) implements CacheHit {}

        /** Explicit caching: the marked prefix, read from the cache ({@code hit}) or written to it. */
        record Explicit(String prefix, boolean hit) implements CacheHit {}
    }

    record Composed(String text, Finish finish, WireUsage usage) {}

    private Composer() {}

    static Composed compose(ChatRequest request, ProviderSettings settings, CacheHit cache, Fault fault) {
        return compose(request, settings, cache, fault, SimulatorConfig.DEFAULT_SEED, new SeededTests());
    }

    /**
     * @param seed   the simulator's seed: with the model and the prompt, it decides the reply's seeded choices
     * @param seeded where each test written is kept with the defect worked into it
     */
    static Composed compose(
            ChatRequest request,
            ProviderSettings settings,
            CacheHit cache,
            Fault fault,
            long seed,
            SeededTests seeded) {
        SimulatedModel model = new SimulatedModel(
                request.model(),
                settings.testDefectsFor(request.model()),
                settings.docsDefectsFor(request.model()),
                seed,
                settings.testDefectsByLanguage(request.model()));
        BigDecimal factor = settings.tokenFactor();
        long input = scale(TokenCounter.count(request.prompt()), factor);
        long read = 0;
        long write = 0;
        if (cache instanceof CacheHit.Implicit implicit && implicit.chars() > 0) {
            long cached = scale(TokenCounter.count(request.prompt().substring(0, implicit.chars())), factor);
            read = cached >= settings.cache().minPrefixTokens() ? Math.min(cached, input) : 0;
        } else if (cache instanceof CacheHit.Explicit explicit) {
            long prefix = Math.min(input, scale(TokenCounter.count(explicit.prefix()), factor));
            if (prefix >= settings.cache().minPrefixTokens() && prefix > 0) {
                if (explicit.hit()) {
                    read = prefix;
                } else {
                    write = prefix;
                }
            }
        }
        String text;
        Finish finish = Finish.STOP;
        if (fault == Fault.EMPTY_AT_LENGTH) {
            return emptyAtLength(
                    request, settings, new WireUsage(input - read - write, read, write, 0, 0), model, seeded);
        }
        if (fault == Fault.CONTENT_FILTERED) {
            text = "";
            finish = Finish.FILTERED;
        } else {
            text = reply(request, model, seeded);
            if (fault == Fault.LARGE_BODY) {
                text = pad(text);
            }
        }
        long visible = scale(TokenCounter.count(text), factor);
        if (request.maxTokens() != null && visible > request.maxTokens() && fault != Fault.LARGE_BODY) {
            text = cut(
                    text,
                    BigDecimal.valueOf(request.maxTokens())
                            .divide(factor, 0, RoundingMode.FLOOR)
                            .longValue());
            visible = Math.min(request.maxTokens(), scale(TokenCounter.count(text), factor));
            finish = Finish.LENGTH;
        }
        long thinking = settings.protocol() == Protocol.ANTHROPIC
                ? 0
                : BigDecimal.valueOf(visible)
                        .multiply(settings.thinkingFactor())
                        .setScale(0, RoundingMode.HALF_UP)
                        .longValueExact();
        return new Composed(text, finish, new WireUsage(input - read - write, read, write, visible, thinking));
    }

    /**
     * What the model writes for this call: the artifact for its prompt, or for a continuation what follows the reply
     * so far. A continuation is billed like any call — its whole prompt as input, what it writes as output — and is
     * cut at its own output budget again, so a long document may take several.
     */
    private static String reply(ChatRequest request, SimulatedModel model, SeededTests seeded) {
        String whole = ArtifactWriter.write(request.artifactPrompt(), model, seeded);
        return request.continuation() == null ? whole : request.continuation().remainderOf(whole);
    }

    /** Nothing visible: the whole output budget went to thinking, and is billed as output. */
    private static Composed emptyAtLength(
            ChatRequest request, ProviderSettings settings, WireUsage input, SimulatedModel model, SeededTests seeded) {
        long budget = request.maxTokens() != null
                ? request.maxTokens()
                : scale(TokenCounter.count(reply(request, model, seeded)), settings.tokenFactor());
        return new Composed(
                "",
                Finish.LENGTH,
                new WireUsage(
                        input.uncachedInput(),
                        input.cacheReadInput(),
                        input.cacheWriteInput(),
                        0,
                        Math.max(1, budget)));
    }

    /** Reported tokens: our count × the provider's factor, rounded half up; a non-empty text is never 0 tokens. */
    static long scale(long tokens, BigDecimal factor) {
        if (tokens == 0) {
            return 0;
        }
        return Math.max(
                1,
                BigDecimal.valueOf(tokens)
                        .multiply(factor)
                        .setScale(0, RoundingMode.HALF_UP)
                        .longValueExact());
    }

    /** The longest prefix of {@code text} of at most {@code maxTokens} tokens (binary search on length). */
    private static String cut(String text, long maxTokens) {
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (TokenCounter.count(text.substring(0, mid)) <= maxTokens) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text.substring(0, lo);
    }

    private static String pad(String text) {
        StringBuilder sb = new StringBuilder(LARGE_BODY_CHARS + text.length());
        sb.append(text);
        int section = 1;
        while (sb.length() < LARGE_BODY_CHARS) {
            sb.append("\n## Appendix ")
                    .append(section++)
                    .append("\n\n")
                    .append(
                            "This appendix repeats the overview at length, as some models do when asked for exhaustive documentation. "
                                    .repeat(20));
        }
        return sb.toString();
    }
}
