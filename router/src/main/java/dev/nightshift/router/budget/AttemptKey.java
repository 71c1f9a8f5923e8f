package dev.nightshift.router.budget;

/** One attempt of one job in one run: the key of a reservation, as of a ledger entry. */
public record AttemptKey(String runId, String jobId, int attempt) {}
