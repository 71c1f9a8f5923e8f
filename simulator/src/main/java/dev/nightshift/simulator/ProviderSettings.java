package dev.nightshift.simulator;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.batch.BatchSettings;
import dev.nightshift.simulator.cache.PromptCaching;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.simulator.reply.DocsDefects;
import dev.nightshift.simulator.reply.TestDefectProfiles;
import dev.nightshift.simulator.reply.TestDefects;
import dev.nightshift.simulator.wire.Dialect;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one simulated provider behaves. Immutable; the simulator swaps a whole new value in when a test or
 * the admin endpoint changes it.
 *
 * @param models         model name (wire name and config key both work) → price, for the billing log
 * @param tokenFactor    reported tokens = o200k count × this factor (real tokenizers differ from our estimate)
 * @param thinkingFactor Gemini only: thinking tokens reported as {@code thoughtsTokenCount} = visible output × this
 * @param limits         enforced per account; {@link Limits#UNLIMITED} enforces nothing
 * @param down           when true every call gets 503 (529 on Anthropic) — a provider outage
 * @param contextWindows model name → tokens it accepts (input plus requested output); a longer call gets the
 *                       provider's context-length error. A model without an entry accepts anything.
 * @param testDefects    model name (or a prefix of it, or {@code default}) → how often its tests are defective and
 *                       its repairs succeed; fields left out, and models without an entry, take the built-in
 *                       profile ({@link TestDefects#builtIn(String)}). A key {@code model@language} (e.g.
 *                       {@code deepseek-chat@javascript}) holds in that language only, over the model's profile
 *                       ({@link TestDefectProfiles})
 * @param docsDefects    model name (or a prefix of it, or {@code default}) → how often its file documents name something
 *                       the code does not have; models without an entry take {@link DocsDefects#builtIn(String)}: none
 * @param batch          the batch API's turnaround, window, item failures and expiries, and price factor
 */
public record ProviderSettings(
        String id,
        Protocol protocol,
        Dialect dialect,
        Map<String, Price> models,
        Latency latency,
        BigDecimal tokenFactor,
        BigDecimal thinkingFactor,
        Limits limits,
        PromptCaching cache,
        List<FaultRule> faults,
        boolean down,
        Map<String, Long> contextWindows,
        Map<String, TestDefects> testDefects,
        Map<String, DocsDefects> docsDefects,
        BatchSettings batch) {
    public ProviderSettings {
        Objects.requireNonNull(id, "id");
        if (protocol == null) {
            throw new IllegalArgumentException(
                    "providers." + id + ".protocol is required: openai, anthropic or gemini");
        }
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException(
                    "providers." + id + ".models must name at least one model with its price");
        }
        models = Map.copyOf(models);
        dialect = dialect == null ? Dialect.forProvider(id) : dialect;
        latency = latency == null ? Latency.SMALL : latency;
        tokenFactor = tokenFactor == null ? BigDecimal.ONE : tokenFactor;
        thinkingFactor = thinkingFactor == null ? BigDecimal.ZERO : thinkingFactor;
        if (tokenFactor.signum() <= 0) {
            throw new IllegalArgumentException("providers." + id + ".tokenFactor must be > 0, got " + tokenFactor);
        }
        if (thinkingFactor.signum() < 0) {
            throw new IllegalArgumentException(
                    "providers." + id + ".thinkingFactor must be >= 0, got " + thinkingFactor);
        }
        limits = limits == null ? Limits.UNLIMITED : limits;
        cache = cache == null ? PromptCaching.DEFAULT : cache;
        faults = faults == null ? List.of() : List.copyOf(faults);
        contextWindows = contextWindows == null ? Map.of() : Map.copyOf(contextWindows);
        testDefects = testDefects == null ? Map.of() : Map.copyOf(testDefects);
        try {
            TestDefectProfiles.validate(testDefects);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("providers." + id + "." + ex.getMessage(), ex);
        }
        docsDefects = docsDefects == null ? Map.of() : Map.copyOf(docsDefects);
        batch = batch == null ? BatchSettings.DEFAULT : batch;
    }

    /** The test-defect profile of a model: its own entry, else the longest key it starts with, else {@code default}. */
    public TestDefects testDefectsFor(String model) {
        return TestDefectProfiles.forModel(testDefects, model);
    }

    /** The test-defect profile of a model in one language: a {@code model@language} entry over the model's profile. */
    public TestDefects testDefectsFor(String model, String language) {
        return TestDefectProfiles.forModel(testDefects, model, language);
    }

    /** A model's profile in each language that has an entry applying to it (the others use {@link #testDefectsFor(String)}). */
    public Map<String, TestDefects> testDefectsByLanguage(String model) {
        return TestDefectProfiles.byLanguage(testDefects, model);
    }

    /** The docs-defect profile of a model, found as {@link #testDefectsFor(String)} finds the test one. */
    public DocsDefects docsDefectsFor(String model) {
        DocsDefects own = forModel(docsDefects, model);
        DocsDefects builtIn = DocsDefects.builtIn(model);
        return own == null ? builtIn : own.over(builtIn);
    }

    /** A model's entry: its own, else the longest key it starts with (a config key before the wire name), else {@code default}. */
    private static <T> T forModel(Map<String, T> byModel, String model) {
        T own = byModel.get(model);
        if (own != null) {
            return own;
        }
        String best = null;
        for (String key : byModel.keySet()) {
            if (!key.equals("default")
                    && model != null
                    && model.startsWith(key)
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best != null ? byModel.get(best) : byModel.get("default");
    }

    /** A provider with defaults: small latency, factor 1.0, no limits, prompt cache on, no faults. */
    public static ProviderSettings of(String id, Protocol protocol, Map<String, Price> models) {
        return new ProviderSettings(
                id, protocol, null, models, null, null, null, null, null, null, false, null, null, null, null);
    }

    public ProviderSettings withLatency(Latency l) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                l,
                tokenFactor,
                thinkingFactor,
                limits,
                cache,
                faults,
                down,
                contextWindows,
                testDefects,
                docsDefects,
                batch);
    }

    public ProviderSettings withTokenFactor(BigDecimal f) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                f,
                thinkingFactor,
                limits,
                cache,
                faults,
                down,
                contextWindows,
                testDefects,
                docsDefects,
                batch);
    }

    public ProviderSettings withThinkingFactor(BigDecimal f) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                tokenFactor,
                f,
                limits,
                cache,
                faults,
                down,
                contextWindows,
                testDefects,
                docsDefects,
                batch);
    }

    public ProviderSettings withLimits(Limits l) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                tokenFactor,
                thinkingFactor,
                l,
                cache,
                faults,
                down,
                contextWindows,
                testDefects,
                docsDefects,
                batch);
    }

    public ProviderSettings withCache(PromptCaching c) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                tokenFactor,
                thinkingFactor,
                limits,
                c,
                faults,
                down,
                contextWindows,
                testDefects,
                docsDefects,
                batch);
    }

    public ProviderSettings withFaults(List<FaultRule> f) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                tokenFactor,
                thinkingFactor,
                limits,
                cache,
                f,
                down,
                contextWindows,
                testDefects,
                docsDefects,
                batch);
    }

    /** Adds a fault rule after the existing ones. */
    public ProviderSettings withFault(FaultRule rule) {
        List<FaultRule> all = new ArrayList<>(faults);
        all.add(rule);
        return withFaults(all);
    }

    public ProviderSettings withDown(boolean d) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                tokenFactor,
                thinkingFactor,
                limits,
                cache,
                faults,
                d,
                contextWindows,
                testDefects,
                docsDefects,
                batch);
    }

    public ProviderSettings withDialect(Dialect d) {
        return new ProviderSettings(
                id,
                protocol,
                d,
                models,
                latency,
                tokenFactor,
                thinkingFactor,
                limits,
                cache,
                faults,
                down,
                contextWindows,
                testDefects,
                docsDefects,
                batch);
    }

    public ProviderSettings withModels(Map<String, Price> m) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                m,
                latency,
                tokenFactor,
                thinkingFactor,
                limits,
                cache,
                faults,
                down,
                contextWindows,
                testDefects,
                docsDefects,
                batch);
    }

    public ProviderSettings withContextWindows(Map<String, Long> windows) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                tokenFactor,
                thinkingFactor,
                limits,
                cache,
                faults,
                down,
                windows,
                testDefects,
                docsDefects,
                batch);
    }

    public ProviderSettings withTestDefects(Map<String, TestDefects> defects) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                tokenFactor,
                thinkingFactor,
                limits,
                cache,
                faults,
                down,
                contextWindows,
                defects,
                docsDefects,
                batch);
    }

    /** One profile for every model of this provider ({@code default}), e.g. {@link TestDefects#NONE}. */
    public ProviderSettings withTestDefects(TestDefects defects) {
        return withTestDefects(Map.of("default", defects));
    }

    /**
     * Sets one model's test-defect profile in one language and keeps every other entry, e.g.
     * {@code withTestDefects("deepseek-chat", "javascript", new TestDefects(0.6, 0.2, null, null, 0.3))} for a model poor at
     * JavaScript; fields left {@code null} come from the model's own profile.
     */
    public ProviderSettings withTestDefects(String model, String language, TestDefects defects) {
        Map<String, TestDefects> all = new HashMap<>(testDefects);
        all.put(model + TestDefectProfiles.LANGUAGE_SEPARATOR + language, defects);
        return withTestDefects(all);
    }

    /** Replaces the whole map of docs-defect profiles (model, model prefix or {@code default} → profile). */
    public ProviderSettings withDocsDefects(Map<String, DocsDefects> defects) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                tokenFactor,
                thinkingFactor,
                limits,
                cache,
                faults,
                down,
                contextWindows,
                testDefects,
                defects,
                batch);
    }

    /** One docs profile for every model of this provider ({@code default}). */
    public ProviderSettings withDocsDefects(DocsDefects defects) {
        return withDocsDefects(Map.of("default", defects));
    }

    /**
     * Sets one model's hallucination rate and keeps the other models' profiles, e.g.
     * {@code withDocsDefects("gpt-4o-mini", 1.0)} for a model whose every file document invents a name.
     */
    public ProviderSettings withDocsDefects(String model, double hallucinatedNames) {
        Map<String, DocsDefects> all = new HashMap<>(docsDefects);
        all.put(model, new DocsDefects(hallucinatedNames));
        return withDocsDefects(all);
    }

    /** Changes the batch API's behaviour: the fields set in {@code change} over the current ones. */
    public ProviderSettings withBatch(BatchSettings change) {
        return new ProviderSettings(
                id,
                protocol,
                dialect,
                models,
                latency,
                tokenFactor,
                thinkingFactor,
                limits,
                cache,
                faults,
                down,
                contextWindows,
                testDefects,
                docsDefects,
                change.over(batch));
    }

    /** Applies the fields a script sets; the rest stay as they are. */
    public ProviderSettings apply(ProviderScript s) {
        return new ProviderSettings(
                id,
                s.protocol() == null ? protocol : s.protocol(),
                s.dialect() == null ? dialect : s.dialect(),
                s.models() == null ? models : s.models(),
                s.latency() == null ? latency : s.latency(),
                s.tokenFactor() == null ? tokenFactor : s.tokenFactor(),
                s.thinkingFactor() == null ? thinkingFactor : s.thinkingFactor(),
                s.limits() == null ? limits : s.limits(),
                s.cache() == null ? cache : s.cache(),
                s.faults() == null ? faults : s.faults(),
                s.down() == null ? down : s.down(),
                s.contextWindows() == null ? contextWindows : s.contextWindows(),
                s.testDefects() == null ? testDefects : s.testDefects(),
                s.docsDefects() == null ? docsDefects : s.docsDefects(),
                s.batch() == null ? batch : s.batch().over(batch));
    }
}
