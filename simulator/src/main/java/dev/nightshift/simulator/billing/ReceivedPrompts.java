package dev.nightshift.simulator.billing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The prompts the providers received, newest last, so a test can check what a model was actually given (a folder's
 * summary built from its files' documents, not from their source). Keeps the last {@value #KEPT}; written on the
 * event loop, read from any thread.
 */
public final class ReceivedPrompts {
    static final int KEPT = 20_000;

    /** One request as the model read it: every text in order, system first. */
    public record Received(String provider, String model, String prompt) {}

    private final Deque<Received> received = new ArrayDeque<>();

    public synchronized void record(String provider, String model, String prompt) {
        if (received.size() == KEPT) {
            received.removeFirst();
        }
        received.addLast(new Received(provider, model, prompt));
    }

    public synchronized List<Received> all() {
        return List.copyOf(received);
    }

    public synchronized void clear() {
        received.clear();
    }
}
