package dev.nightshift.worker.attempt;

import java.time.Duration;

/**
 * How long one call may run before the worker gives it up, sized from what the call asks for and how fast the lane
 * has been answering. A reply of {@code maxTokens} cannot take longer than its prompt's reading plus its output at the
 * lane's slowest recent pace, so a call still silent well past that is hung, not slow: giving it the lane's single
 * ceiling (minutes) would hold its slot and its job that long for nothing.
 *
 * <p>Expected time: {@value #FIRST_BYTE_SECONDS} s before the first byte, the input at {@value #PREFILL_TOKENS_PER_SECOND}
 * tokens/s, and {@code maxTokens} at the slowest output pace among the lane's last {@value #WINDOW} answers (each
 * answer's output tokens over its whole latency, so an answer's queueing and reading count against its pace); before any
 * answer, {@value #DEFAULT_OUTPUT_TOKENS_PER_SECOND} tokens/s. The deadline is {@value #SLACK}× that, within
 * [floor, ceiling]. Only answers of at least {@value #MIN_SAMPLE_OUTPUT} output tokens are paces: a short answer's
 * latency is mostly fixed costs. Thread-confined to the lane's Vert.x context.
 */
public final class CallDeadline {
    /** The least a call is given by default: a first byte, a small prompt and a short answer, with room to spare. */
    public static final Duration DEFAULT_FLOOR = Duration.ofSeconds(30);
    /** The most a call is given by default: the longest a provider keeps one request open in practice. */
    public static final Duration DEFAULT_CEILING = Duration.ofMinutes(5);

    static final int FIRST_BYTE_SECONDS = 10;
    static final int PREFILL_TOKENS_PER_SECOND = 5_000;
    static final int DEFAULT_OUTPUT_TOKENS_PER_SECOND = 20;
    static final int SLACK = 2;
    static final int WINDOW = 32;
    static final int MIN_SAMPLE_OUTPUT = 64;

    private final Duration floor;
    private final Duration ceiling;
    private final double[] paces = new double[WINDOW];
    private int size;
    private int next;

    public CallDeadline(Duration floor, Duration ceiling) {
        this.ceiling = ceiling;
        this.floor = floor.compareTo(ceiling) > 0 ? ceiling : floor;
    }

    /** An answer of {@code outputTokens} that took {@code latency} from request to complete reply. */
    public void answered(long outputTokens, Duration latency) {
        if (outputTokens < MIN_SAMPLE_OUTPUT || latency.isZero() || latency.isNegative()) {
            return;
        }
        paces[next] = outputTokens / (latency.toNanos() / 1e9);
        next = (next + 1) % WINDOW;
        size = Math.min(size + 1, WINDOW);
    }

    /** The deadline of a call reading {@code inputTokens} and allowed to write up to {@code maxTokens}. */
    public Duration forCall(long inputTokens, int maxTokens) {
        double seconds = FIRST_BYTE_SECONDS
                + (double) Math.max(0, inputTokens) / PREFILL_TOKENS_PER_SECOND
                + Math.max(0, maxTokens) / slowestPace();
        long millis = (long) Math.ceil(SLACK * seconds * 1000);
        return Duration.ofMillis(Math.max(floor.toMillis(), Math.min(ceiling.toMillis(), millis)));
    }

    private double slowestPace() {
        if (size == 0) {
            return DEFAULT_OUTPUT_TOKENS_PER_SECOND;
        }
        double slowest = Double.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            slowest = Math.min(slowest, paces[i]);
        }
        return slowest;
    }
}
