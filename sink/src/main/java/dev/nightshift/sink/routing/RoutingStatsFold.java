package dev.nightshift.sink.routing;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routing.Observation;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.sink.codec.Stored;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreKeys;
import dev.nightshift.sink.store.StoreTxn;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the judged attempts of one batch into the routing statistics cells, in the batch's own transaction: a cell
 * changes exactly when its attempt's ledger entry is written, so an attempt the ledger already holds (a redelivery)
 * is never counted twice, and a crash loses neither. Each changed cell is also marked unpublished in the same write;
 * {@link RoutingStatsPublisher} clears the mark once Kafka has the cell.
 *
 * <p>A <b>repair try</b> is an attempt of a job on a model that already had a judged attempt of the same job: the
 * job's earlier ledger entries are read by prefix (run, job) — only for attempts after the first, since a first
 * attempt has nothing before it — together with the attempts judged earlier in this batch, which the store does not
 * hold yet. One fold per batch; single-threaded, as the applier is.
 */
public final class RoutingStatsFold {
    private final SinkStore store;
    private final Duration halfLife;
    /** The cells this batch changed, as last folded: what the rest of the batch reads, and what is published. */
    private final Map<String, RoutingCell> changed = new LinkedHashMap<>();
    /** Models judged on each job ("runId NUL jobId") by results earlier in this batch. */
    private final Map<String, Set<ModelRef>> judgedInBatch = new HashMap<>();

    public RoutingStatsFold(SinkStore store, Duration halfLife) {
        this.store = store;
        this.halfLife = halfLife;
    }

    /** Counts the attempt if it is an observation (see {@link Observation}); call once, for an attempt new to the ledger. */
    public void observe(StoreTxn txn, AttemptResult r) {
        if (!Observation.judged(r) || r.provider() == null || r.model() == null) {
            return;
        }
        ModelRef model;
        try {
            model = Observation.modelOf(r.provider(), r.model());
        } catch (IllegalArgumentException e) {
            return;
        }
        boolean repair = judgedBefore(r, model);
        judgedInBatch.computeIfAbsent(jobKey(r), k -> new HashSet<>()).add(model);
        Observation.of(r, repair).ifPresent(o -> fold(txn, o));
    }

    /** The cells this batch changed, with their values after it. */
    public List<RoutingCell> changed() {
        return new ArrayList<>(changed.values());
    }

    private void fold(StoreTxn txn, Observation o) {
        String id = o.cell().id();
        RoutingCell before = changed.get(id);
        if (before == null) {
            byte[] stored = txn.get(Cf.ROUTING, StoreKeys.routingCell(id));
            before = stored == null ? RoutingCell.empty(o.cell(), halfLife) : RoutingCell.CODEC.decode(stored);
        }
        RoutingCell after = before.plus(o, halfLife);
        changed.put(id, after);
        txn.put(Cf.ROUTING, StoreKeys.routingCell(id), RoutingCell.CODEC.encode(after));
        txn.put(Cf.ROUTING, StoreKeys.routingUnpublished(id), new byte[0]);
    }

    private boolean judgedBefore(AttemptResult r, ModelRef model) {
        if (judgedInBatch.getOrDefault(jobKey(r), Set.of()).contains(model)) {
            return true;
        }
        if (r.attempt() <= 1) {
            return false;
        }
        String qualified = model.toString();
        boolean[] found = {false};
        store.scan(Cf.LEDGER, StoreKeys.ledgerOf(r.runId(), r.jobId()), (key, value) -> {
            LedgerEntry e = Stored.read(value, LedgerEntry.class);
            if (e.attempt() >= r.attempt()) {
                return false;
            }
            if (qualified.equals(e.model())
                    && Observation.judged(e.task(), e.outcome(), e.failureClass(), e.verdict(), e.docs() != null)) {
                found[0] = true;
                return false;
            }
            return true;
        });
        return found[0];
    }

    private static String jobKey(AttemptResult r) {
        return r.runId() + '\u0000' + r.jobId();
    }
}
