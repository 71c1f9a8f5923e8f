package dev.nightshift.sink.docs;

/** A folder's or the repository's document that may now have every child it waits for. */
public record PendingDoc(String runId, String jobId) {}
