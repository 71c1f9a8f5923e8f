package dev.nightshift.router.estimate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's cost before it runs: per model and in total, beside the same jobs sent to one baseline model.
 * Token figures of {@link #byModel} sum to the totals; dollars are exact.
 *
 * @param jobs        jobs that a model can take (the ones priced here)
 * @param unroutable  jobs no model can take: they would fail at once and cost nothing
 * @param batchShare  for a run with a deadline, its cost with the jobs that can wait in provider batches; {@code null}
 *                    without a deadline
 */
public record Estimate(
        long jobs,
        long inputTokens,
        long outputTokens,
        Money usd,
        ModelRef baseline,
        Money baselineUsd,
        Map<ModelRef, ModelEstimate> byModel,
        long unroutable,
        BatchShare batchShare) {
    public Estimate {
        byModel = Map.copyOf(byModel);
    }

    /** An estimate of a run without a deadline. */
    public Estimate(
            long jobs,
            long inputTokens,
            long outputTokens,
            Money usd,
            ModelRef baseline,
            Money baselineUsd,
            Map<ModelRef, ModelEstimate> byModel,
            long unroutable) {
        this(jobs, inputTokens, outputTokens, usd, baseline, baselineUsd, byModel, unroutable, null);
    }

    /** What the run is expected to cost as the router will send it: with its deadline's batch share, if it has one. */
    public Money expectedUsd() {
        return batchShare == null ? usd : batchShare.usd();
    }

    /** How many times cheaper than the baseline ({@code baselineUsd / usd}), to 2 decimals; empty when nothing is priced. */
    public Optional<BigDecimal> savingRatio() {
        if (usd.isZero()) {
            return Optional.empty();
        }
        return Optional.of(baselineUsd.toBigDecimal().divide(usd.toBigDecimal(), 2, RoundingMode.HALF_UP));
    }

    /**
     * One JSON object, as {@code nightshift estimate --json} prints on its last line:
     * {@code {"jobs":N,"inputTokens":N,"outputTokens":N,"usd":"…","baselineModel":"…","baselineUsd":"…",
     * "savingRatio":"…","unroutable":N,"byModel":{"provider/model":{"jobs":N,"inputTokens":N,"outputTokens":N,"usd":"…"}}}};
     * with a deadline also {@code "deadline":"…","batchJobs":N,"usdWithDeadline":"…"} after {@code unroutable}.
     */
    public String toJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("jobs", jobs)
                .put("inputTokens", inputTokens)
                .put("outputTokens", outputTokens)
                .put("usd", usd.toPlainString())
                .put("baselineModel", baseline.toString())
                .put("baselineUsd", baselineUsd.toPlainString());
        savingRatio().ifPresent(r -> root.put("savingRatio", r.toPlainString()));
        root.put("unroutable", unroutable);
        if (batchShare != null) {
            root.put("deadline", batchShare.deadline().toString())
                    .put("batchJobs", batchShare.batchJobs())
                    .put("usdWithDeadline", batchShare.usd().toPlainString());
        }
        ObjectNode models = root.putObject("byModel");
        new TreeMap<>(Map.copyOf(byModelByName())).forEach((name, m) -> models.putObject(name)
                .put("jobs", m.jobs())
                .put("inputTokens", m.inputTokens())
                .put("outputTokens", m.outputTokens())
                .put("usd", m.usd().toPlainString()));
        try {
            return Json.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the estimate", e);
        }
    }

    private Map<String, ModelEstimate> byModelByName() {
        Map<String, ModelEstimate> m = new TreeMap<>();
        byModel.forEach((ref, e) -> m.put(ref.toString(), e));
        return m;
    }
}
