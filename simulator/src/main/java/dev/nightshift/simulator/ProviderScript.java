package dev.nightshift.simulator;

import dev.nightshift.core.config.Limits;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.batch.BatchSettings;
import dev.nightshift.simulator.cache.PromptCaching;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.simulator.reply.DocsDefects;
import dev.nightshift.simulator.reply.TestDefects;
import dev.nightshift.simulator.wire.Dialect;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A change to one provider's behaviour, as written in a simulator script (YAML) or posted to
 * {@code POST /admin/providers/{id}} (JSON). Every field is optional; a field left out keeps its value.
 * {@code faults} replaces the whole list (post {@code "faults": []} to clear them), and {@code testDefects} and
 * {@code docsDefects} the whole map of per-model defect profiles; {@code batch} changes only the batch fields it sets.
 */
public record ProviderScript(
        Protocol protocol,
        Dialect dialect,
        Map<String, Price> models,
        Latency latency,
        BigDecimal tokenFactor,
        BigDecimal thinkingFactor,
        Limits limits,
        PromptCaching cache,
        List<FaultRule> faults,
        Boolean down,
        Map<String, Long> contextWindows,
        Map<String, TestDefects> testDefects,
        Map<String, DocsDefects> docsDefects,
        BatchSettings batch) {}
