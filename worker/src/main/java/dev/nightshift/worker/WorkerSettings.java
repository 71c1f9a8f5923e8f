package dev.nightshift.worker;

import dev.nightshift.core.topic.Topics;
import dev.nightshift.worker.attempt.CallDeadline;
import dev.nightshift.worker.time.TimeScale;
import java.time.Duration;
import java.util.Objects;

/**
 * How a worker runs its lanes; the defaults suit production, tests shorten the times.
 *
 * @param callDeadline     the most one provider call may take (idle timeouts never fire under keep-alive); each call's
 *                         own deadline is sized from its input, its output budget and the lane's observed speed
 *                         ({@link CallDeadline}), between the floor and this
 * @param callDeadlineFloor the least a call is given, however small and fast
 * @param lockDuration     share-group record lock, renewed while a call runs (30–60 s: a killed worker's
 *                         jobs come back within a minute)
 * @param deliveryLimit    deliveries of one lane record before the broker dead-letters it (2–10)
 * @param defaultSlots     concurrent calls per lane when the provider has no concurrency limit (64: the quota
 *                         still holds such a lane to its RPM and TPM; 8 capped a zero-latency lane at ~100 jobs/s)
 * @param lanePartitions   partitions of a lane topic we create (share groups spread records of one partition too)
 * @param shutdownGrace    how long stop() waits for in-flight calls before releasing them
 * @param maxBackoff       cap of the exponential backoff between retries of one job, and of a lane pause
 *                         after a 429 that named no wait
 * @param circuitThreshold consecutive overload/transient failures that open a provider's circuit
 * @param circuitOpenFor   how long an opened circuit first stays open before a probe
 * @param observeInterval  how often lane membership, backlog and health are refreshed and published
 * @param timeScale        how fast provider time runs: {@link TimeScale#REAL} in production; benchmarks compress
 *                         quota windows, pauses, backoff and circuit times (not Kafka's locks or the call deadline)
 */
public record WorkerSettings(
        Duration callDeadline,
        Duration callDeadlineFloor,
        Duration lockDuration,
        int deliveryLimit,
        int defaultSlots,
        int lanePartitions,
        Duration shutdownGrace,
        Duration maxBackoff,
        int circuitThreshold,
        Duration circuitOpenFor,
        Duration observeInterval,
        TimeScale timeScale) {
    public static final WorkerSettings DEFAULTS = new WorkerSettings(
            CallDeadline.DEFAULT_CEILING,
            CallDeadline.DEFAULT_FLOOR,
            Duration.ofSeconds(30),
            5,
            64,
            Topics.LANE_PARTITIONS,
            Duration.ofSeconds(20),
            Duration.ofSeconds(60),
            5,
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            TimeScale.REAL);

    /** Real time ({@link TimeScale#REAL}); the form callers used before the time scale existed. */
    public WorkerSettings(
            Duration callDeadline,
            Duration lockDuration,
            int deliveryLimit,
            int defaultSlots,
            int lanePartitions,
            Duration shutdownGrace,
            Duration maxBackoff,
            int circuitThreshold,
            Duration circuitOpenFor,
            Duration observeInterval) {
        this(
                callDeadline,
                DEFAULTS.callDeadlineFloor(),
                lockDuration,
                deliveryLimit,
                defaultSlots,
                lanePartitions,
                shutdownGrace,
                maxBackoff,
                circuitThreshold,
                circuitOpenFor,
                observeInterval,
                TimeScale.REAL);
    }

    public WorkerSettings {
        Objects.requireNonNull(callDeadline, "callDeadline");
        Objects.requireNonNull(callDeadlineFloor, "callDeadlineFloor");
        if (callDeadlineFloor.compareTo(callDeadline) > 0) {
            callDeadlineFloor = callDeadline;
        }
        Objects.requireNonNull(lockDuration, "lockDuration");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(circuitOpenFor, "circuitOpenFor");
        Objects.requireNonNull(observeInterval, "observeInterval");
        Objects.requireNonNull(timeScale, "timeScale");
        if (deliveryLimit < 2 || deliveryLimit > 10) {
            throw new IllegalArgumentException(
                    "worker.deliveryLimit must be 2..10 (Kafka's share.delivery.count.limit), got " + deliveryLimit);
        }
        if (defaultSlots < 1) {
            throw new IllegalArgumentException("worker.defaultSlots must be >= 1, got " + defaultSlots);
        }
        if (lanePartitions < 1) {
            throw new IllegalArgumentException("worker.lanePartitions must be >= 1, got " + lanePartitions);
        }
        if (circuitThreshold < 1) {
            throw new IllegalArgumentException("worker.circuitThreshold must be >= 1, got " + circuitThreshold);
        }
    }

    public WorkerSettings withCallDeadline(Duration d) {
        return new WorkerSettings(
                d,
                callDeadlineFloor,
                lockDuration,
                deliveryLimit,
                defaultSlots,
                lanePartitions,
                shutdownGrace,
                maxBackoff,
                circuitThreshold,
                circuitOpenFor,
                observeInterval,
                timeScale);
    }

    public WorkerSettings withCallDeadlineFloor(Duration d) {
        return new WorkerSettings(
                callDeadline,
                d,
                lockDuration,
                deliveryLimit,
                defaultSlots,
                lanePartitions,
                shutdownGrace,
                maxBackoff,
                circuitThreshold,
                circuitOpenFor,
                observeInterval,
                timeScale);
    }

    public WorkerSettings withLockDuration(Duration d) {
        return new WorkerSettings(
                callDeadline,
                callDeadlineFloor,
                d,
                deliveryLimit,
                defaultSlots,
                lanePartitions,
                shutdownGrace,
                maxBackoff,
                circuitThreshold,
                circuitOpenFor,
                observeInterval,
                timeScale);
    }

    public WorkerSettings withDeliveryLimit(int n) {
        return new WorkerSettings(
                callDeadline,
                callDeadlineFloor,
                lockDuration,
                n,
                defaultSlots,
                lanePartitions,
                shutdownGrace,
                maxBackoff,
                circuitThreshold,
                circuitOpenFor,
                observeInterval,
                timeScale);
    }

    public WorkerSettings withMaxBackoff(Duration d) {
        return new WorkerSettings(
                callDeadline,
                callDeadlineFloor,
                lockDuration,
                deliveryLimit,
                defaultSlots,
                lanePartitions,
                shutdownGrace,
                d,
                circuitThreshold,
                circuitOpenFor,
                observeInterval,
                timeScale);
    }

    public WorkerSettings withShutdownGrace(Duration d) {
        return new WorkerSettings(
                callDeadline,
                callDeadlineFloor,
                lockDuration,
                deliveryLimit,
                defaultSlots,
                lanePartitions,
                d,
                maxBackoff,
                circuitThreshold,
                circuitOpenFor,
                observeInterval,
                timeScale);
    }

    public WorkerSettings withCircuit(int threshold, Duration openFor) {
        return new WorkerSettings(
                callDeadline,
                callDeadlineFloor,
                lockDuration,
                deliveryLimit,
                defaultSlots,
                lanePartitions,
                shutdownGrace,
                maxBackoff,
                threshold,
                openFor,
                observeInterval,
                timeScale);
    }

    public WorkerSettings withObserveInterval(Duration d) {
        return new WorkerSettings(
                callDeadline,
                callDeadlineFloor,
                lockDuration,
                deliveryLimit,
                defaultSlots,
                lanePartitions,
                shutdownGrace,
                maxBackoff,
                circuitThreshold,
                circuitOpenFor,
                d,
                timeScale);
    }

    public WorkerSettings withTimeScale(TimeScale scale) {
        return new WorkerSettings(
                callDeadline,
                callDeadlineFloor,
                lockDuration,
                deliveryLimit,
                defaultSlots,
                lanePartitions,
                shutdownGrace,
                maxBackoff,
                circuitThreshold,
                circuitOpenFor,
                observeInterval,
                scale);
    }

    public WorkerSettings withLanePartitions(int n) {
        return new WorkerSettings(
                callDeadline,
                callDeadlineFloor,
                lockDuration,
                deliveryLimit,
                defaultSlots,
                n,
                shutdownGrace,
                maxBackoff,
                circuitThreshold,
                circuitOpenFor,
                observeInterval,
                timeScale);
    }
}
