package dev.nightshift.router.engine;

import dev.nightshift.core.job.Job;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Single flight by content key: while one job does a piece of work (its content key: tenant, task, unit, content,
 * prompt version and test target), another job of the same work — from another run of the same repository, say a
 * second run started while the first is still going — waits for it instead of calling a provider a second time. When
 * the first succeeds, the waiting jobs are answered with its artifact; when it fails or is stopped, the first of them
 * does the work. Jobs are keyed "runId/jobId". Single-threaded (the router loop).
 */
final class SameWork {
    /** A job waiting for another job doing the same work, with the generation it was published in. */
    record Waiting(Job job, int generation) {}

    private final Map<String, String> doerOf = new HashMap<>();
    private final Map<String, String> workOfDoer = new HashMap<>();
    private final Map<String, ArrayDeque<Waiting>> waitingOn = new HashMap<>();
    private final Map<String, String> workOfWaiting = new HashMap<>();

    /** Whether a job other than {@code jobKey} is doing the work of {@code contentKey} now. */
    boolean doneByAnother(String contentKey, String jobKey) {
        String doer = doerOf.get(contentKey);
        return doer != null && !doer.equals(jobKey);
    }

    /** {@code jobKey} was sent to do the work of {@code contentKey}. */
    void doing(String contentKey, String jobKey) {
        doerOf.putIfAbsent(contentKey, jobKey);
        if (jobKey.equals(doerOf.get(contentKey))) {
            workOfDoer.put(jobKey, contentKey);
        }
    }

    /** {@code job} waits for the job doing the work of {@code contentKey}. */
    void waitFor(String contentKey, Job job, int generation) {
        waitingOn.computeIfAbsent(contentKey, k -> new ArrayDeque<>()).add(new Waiting(job, generation));
        workOfWaiting.put(JobKey.of(job), contentKey);
    }

    /**
     * The job has ended. If it was doing a piece of work, the jobs that waited for it, oldest first (they wait no
     * more); if it was waiting itself, it leaves its queue.
     */
    List<Waiting> ended(String jobKey) {
        String waitedFor = workOfWaiting.remove(jobKey);
        if (waitedFor != null) {
            ArrayDeque<Waiting> queue = waitingOn.get(waitedFor);
            if (queue != null) {
                queue.removeIf(w -> jobKey.equals(JobKey.of(w.job())));
                if (queue.isEmpty()) {
                    waitingOn.remove(waitedFor);
                }
            }
        }
        String work = workOfDoer.remove(jobKey);
        if (work == null) {
            return List.of();
        }
        doerOf.remove(work);
        ArrayDeque<Waiting> queue = waitingOn.remove(work);
        if (queue == null) {
            return List.of();
        }
        queue.forEach(w -> workOfWaiting.remove(JobKey.of(w.job())));
        return List.copyOf(queue);
    }

    /** The work {@code jobKey} does for jobs that may wait on it, or {@code null}. */
    String workDoneBy(String jobKey) {
        return workOfDoer.get(jobKey);
    }

    /** How {@code jobKey} waits for another job's work ({@code null} when it does not). */
    Waiting waitingOf(String jobKey) {
        String work = workOfWaiting.get(jobKey);
        if (work == null) {
            return null;
        }
        return waitingOn.get(work).stream()
                .filter(w -> jobKey.equals(JobKey.of(w.job())))
                .findFirst()
                .orElse(null);
    }

    /** The work {@code jobKey} waits for, or {@code null}. */
    String workAwaitedBy(String jobKey) {
        return workOfWaiting.get(jobKey);
    }

    /** Forgets the job (another router holds it now); jobs that waited for it are not told. */
    void forget(String jobKey) {
        ended(jobKey);
    }

    /** Jobs waiting for another job's work now. */
    int waiting() {
        return workOfWaiting.size();
    }
}
