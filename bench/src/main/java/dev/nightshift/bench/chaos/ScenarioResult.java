package dev.nightshift.bench.chaos;

import dev.nightshift.core.money.Money;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one chaos scenario left behind, read from the sink's store and the providers' bill.
 *
 * @param jobsLost           planned jobs that never ended (0: every job ends)
 * @param duplicateArtifacts succeeded attempts beyond one per job (0: no job answered twice)
 * @param redundantCalls     calls the providers billed beyond the answered calls the ledger holds
 * @param unknownCalls       calls written ahead and never booked: those the scenario cut off
 * @param billMinusLedger    the bill's dollars less the ledger's (0 when nothing was cut off; never below 0)
 * @param unknownBound       the most the unknown calls can have cost
 * @param maxLaneStallSeconds the longest time no provider call ended while the run had work left
 */
record ScenarioResult(
        String name,
        int jobs,
        long jobsLost,
        long duplicateArtifacts,
        long redundantCalls,
        long unknownCalls,
        Money billMinusLedger,
        Money unknownBound,
        double maxLaneStallSeconds,
        double seconds) {
    /** The longest stall allowed: twice the shortest deadline a call can have, not minutes. */
    static final double STALL_LIMIT_SECONDS = 60;

    /** ledger ≤ bill ≤ ledger + the unknown calls' bound. */
    boolean boundHolds() {
        return !billMinusLedger.isNegative() && !billMinusLedger.exceeds(unknownBound);
    }

    boolean passed() {
        return jobsLost == 0
                && duplicateArtifacts == 0
                && redundantCalls <= unknownCalls
                && boundHolds()
                && (unknownCalls > 0 || billMinusLedger.isZero())
                && maxLaneStallSeconds <= STALL_LIMIT_SECONDS;
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", name);
        m.put("jobs", jobs);
        m.put("passed", passed());
        m.put("jobsLost", jobsLost);
        m.put("duplicateArtifacts", duplicateArtifacts);
        m.put("redundantCalls", redundantCalls);
        m.put("unknownCalls", unknownCalls);
        m.put("ledgerMinusBillUsd", Money.ZERO.minus(billMinusLedger).toPlainString());
        m.put("unknownOutcomeBoundUsd", unknownBound.toPlainString());
        m.put("unknownOutcomeBoundHolds", boundHolds());
        m.put("maxLaneStallSeconds", maxLaneStallSeconds);
        m.put("seconds", seconds);
        return m;
    }
}
