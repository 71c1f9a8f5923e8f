package dev.nightshift.router.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.kafka.Generations;
import dev.nightshift.core.kafka.ResultsEvents;
import dev.nightshift.core.routerstate.RouterState;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.engine.Outbound;
import dev.nightshift.router.engine.RouterEngine;
import dev.nightshift.router.engine.StateChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes each consumed record by its topic and hands it to the engine. Run plans are read for their
 * optional {@code maxCost} (the run's budget), {@code deadline} (its jobs that can wait go to provider batches) and
 * {@code evaluation.model} (the one model an evaluation arm's jobs go to) without binding the whole {@code RunPlanned}: its job list can be long, and the router needs
 * neither it nor the skipped files.
 */
public final class TopicDispatcher implements RecordHandler {
    /**
     * The router's topics, in the order a batch is handled: run budgets first, then settlements (which free budget),
     * then failures (and dead letters handed on by the router that read them), then each provider's dead letters —
     * a job the workers gave up on ends there (never on the results): the router reading them hands each to the
     * router owning its tenant on the retry topic, whose end of the job frees its budget hold and its place in the
     * dispatch window — then new jobs.
     */
    public static List<String> topics(Collection<String> providers) {
        List<String> topics = new ArrayList<>(List.of(Topics.RUNS, Topics.RESULTS, Topics.RETRY));
        providers.stream().sorted().forEach(p -> topics.add(Topics.deadLetters(p)));
        topics.add(Topics.JOBS);
        return List.copyOf(topics);
    }

    private final RouterEngine engine;
    private final int dispatchWindow;

    public TopicDispatcher(RouterEngine engine) {
        this(engine, Integer.MAX_VALUE);
    }

    /** @param dispatchWindow how many routed jobs may be unfinished before the next planned job waits */
    public TopicDispatcher(RouterEngine engine, int dispatchWindow) {
        this.engine = engine;
        this.dispatchWindow = dispatchWindow;
    }

    /** Planned jobs wait in their topic while the dispatch window is full. */
    @Override
    public boolean gated(String topic) {
        return topic.equals(Topics.JOBS);
    }

    @Override
    public boolean windowOpen() {
        return engine.jobsInFlight() < dispatchWindow;
    }

    @Override
    public List<StateChange> stateChanges() {
        return engine.stateChanges();
    }

    @Override
    public void restore(RouterState state) {
        engine.restore(state);
    }

    @Override
    public Set<String> tenants() {
        return engine.tenants();
    }

    @Override
    public void forgetTenants(Set<String> tenants) {
        engine.forgetTenants(tenants);
    }

    @Override
    public List<Outbound> handle(ConsumerRecord<String, byte[]> record) {
        return switch (record.topic()) {
            case Topics.JOBS -> engine.onJob(MessageCodec.JOB.decode(record.value()), Generations.of(record.headers()));
            case Topics.RETRY ->
                ResultsEvents.isDeadLetter(record.headers())
                        ? engine.onDeadLetter(MessageCodec.LANE_REQUEST.decode(record.value()))
                        : engine.onRetry(MessageCodec.FAILED_ATTEMPT.decode(record.value()));
            // A call written ahead is the sink's to book; the router settles budgets from the events that end calls.
            case Topics.RESULTS ->
                ResultsEvents.isCallStarted(record.headers())
                        ? List.of()
                        : engine.onEvent(MessageCodec.JOB_EVENT.decode(record.value()));
            case Topics.RUNS -> runPlan(record.value());
            default ->
                record.topic().startsWith(Topics.DLQ_PREFIX)
                        ? List.of(new Outbound.DeadLetterToOwner(MessageCodec.LANE_REQUEST.decode(record.value())))
                        : List.of();
        };
    }

    /** A run's plan: its evaluation arm's model, its deadline, and its budget. */
    private List<Outbound> runPlan(byte[] value) {
        RunPlanned plan = MessageCodec.RUN_PLANNED.decode(value);
        String tenant = plan.tenant() == null ? "default" : plan.tenant();
        if (plan.evaluation() != null) {
            engine.onEvaluationArm(plan.runId(), plan.evaluation().model());
        }
        if (plan.deadline() != null) {
            engine.onRunDeadline(plan.runId(), tenant, plan.deadline());
        }
        if (plan.maxCost() == null) {
            return List.of();
        }
        return engine.onRunBudget(plan.runId(), tenant, plan.maxCost());
    }
}
