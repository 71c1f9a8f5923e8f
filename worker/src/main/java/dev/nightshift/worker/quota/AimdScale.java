package dev.nightshift.worker.quota;

import java.time.Duration;
import java.time.Instant;

/**
 * The share of its limits a lane allows itself, in permille, adjusted by additive increase /
 * multiplicative decrease: a 429 halves it (at most once per cool-down, since the calls already in flight
 * when the first 429 arrives will often fail too), every success adds one permille back, up to 1000.
 * This is what protects an account whose limits are unknown or configured too high.
 */
public final class AimdScale {
    static final int FULL = 1000;
    private final int floor;
    private final Duration coolDown;
    private int permille = FULL;
    private Instant lastDecrease = Instant.MIN;

    public AimdScale(int floorPermille, Duration coolDown) {
        this.floor = Math.max(1, Math.min(FULL, floorPermille));
        this.coolDown = coolDown;
    }

    public void onRateLimited(Instant now) {
        if (!lastDecrease.equals(Instant.MIN) && now.isBefore(lastDecrease.plus(coolDown))) {
            return;
        }
        permille = Math.max(floor, permille / 2);
        lastDecrease = now;
    }

    public void onSuccess() {
        permille = Math.min(FULL, permille + 1);
    }

    public int permille() {
        return permille;
    }

    /** {@code limit} scaled down, never below 1. */
    public long apply(long limit) {
        return Math.max(1, limit * permille / FULL);
    }
}
