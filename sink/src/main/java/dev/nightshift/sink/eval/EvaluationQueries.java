package dev.nightshift.sink.eval;

import dev.nightshift.sink.codec.Stored;
import dev.nightshift.sink.query.NotFoundException;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.run.RunRecord;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreKeys;
import dev.nightshift.sinkapi.run.RunState;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluations as the sink keeps them: each arm's run is an ordinary run (plan, ledger, artifacts), and the arms
 * are indexed by evaluation. The figures are computed from the arms' ledgers when asked, so they always agree
 * with {@code nightshift ledger} and {@code cost}. {@code tenant} restricts what is visible ({@code null} = all).
 */
public final class EvaluationQueries {
    private final SinkStore store;
    private final SinkQueries runs;

    public EvaluationQueries(SinkStore store) {
        this.store = store;
        this.runs = new SinkQueries(store, InstantSource.system());
    }

    /** Every visible evaluation, newest first. */
    public List<EvaluationSummary> list(String tenant) {
        Map<String, List<EvaluationArm>> byId = new LinkedHashMap<>();
        store.scan(Cf.EVALUATIONS, new byte[0], (k, v) -> {
            EvaluationArm arm = Stored.read(v, EvaluationArm.class);
            if (tenant == null || tenant.equals(arm.tenant())) {
                byId.computeIfAbsent(arm.evaluationId(), id -> new ArrayList<>())
                        .add(arm);
            }
            return true;
        });
        return byId.values().stream()
                .map(this::summary)
                .sorted(Comparator.comparing(EvaluationSummary::createdAt).reversed())
                .toList();
    }

    /** One evaluation with its figures, or empty when there is no such evaluation visible to {@code tenant}. */
    public Optional<EvaluationReport> report(String evaluationId, String tenant) {
        List<EvaluationArm> arms = arms(evaluationId, tenant);
        if (arms.isEmpty()) {
            return Optional.empty();
        }
        List<ModelLanguageFigures> rows = new ArrayList<>();
        for (EvaluationArm arm : arms) {
            ArmFigures figures = new ArmFigures(arm.model());
            runs.ledger(arm.runId(), null, figures::add);
            rows.addAll(figures.rows());
        }
        return Optional.of(new EvaluationReport(summary(arms), rows));
    }

    /** Like {@link #report} but a missing evaluation is a {@link NotFoundException} naming how to list them. */
    public EvaluationReport visibleReport(String evaluationId, String tenant) {
        return report(evaluationId, tenant)
                .orElseThrow(() ->
                        new NotFoundException("no evaluation '" + evaluationId + "'; list them with GET /evaluations"));
    }

    private List<EvaluationArm> arms(String evaluationId, String tenant) {
        List<EvaluationArm> arms = new ArrayList<>();
        store.scan(Cf.EVALUATIONS, StoreKeys.evaluationArms(evaluationId), (k, v) -> {
            EvaluationArm arm = Stored.read(v, EvaluationArm.class);
            if (arm.evaluationId().equals(evaluationId) && (tenant == null || tenant.equals(arm.tenant()))) {
                arms.add(arm);
            }
            return true;
        });
        arms.sort(Comparator.comparing(EvaluationArm::plannedAt).thenComparing(EvaluationArm::runId));
        return arms;
    }

    private EvaluationSummary summary(List<EvaluationArm> arms) {
        arms.sort(Comparator.comparing(EvaluationArm::plannedAt).thenComparing(EvaluationArm::runId));
        EvaluationArm first = arms.get(0);
        List<EvaluationSummary.Arm> listed = arms.stream()
                .map(a -> new EvaluationSummary.Arm(
                        a.model(),
                        a.runId(),
                        runs.run(a.runId()).map(RunRecord::state).orElse(RunState.PLANNED) == RunState.COMPLETED))
                .toList();
        return new EvaluationSummary(
                first.evaluationId(),
                first.tenant(),
                first.repository(),
                first.commit(),
                first.task(),
                first.sample(),
                first.seed(),
                listed,
                first.plannedAt(),
                listed.stream().allMatch(EvaluationSummary.Arm::complete));
    }
}
