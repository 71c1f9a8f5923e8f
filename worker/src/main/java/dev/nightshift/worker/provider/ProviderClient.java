package dev.nightshift.worker.provider;

import io.vertx.core.Future;

/**
 * The port every provider protocol implements: one non-blocking call to a model.
 *
 * <p>Contract: the returned future succeeds with a {@link Completion} when the provider answered with a
 * usable reply (its text may be empty when the model produced none), and fails with a
 * {@link ProviderCallException} carrying a typed {@link ProviderFailure} otherwise — never with any other
 * exception type, and never before the per-call deadline has passed without an answer. Implementations
 * never put the API key, the prompt or the source text into a failure's message.
 */
public interface ProviderClient {
    Future<Completion> complete(CallRequest request);

    /** The reply so far and its continuation as one text: the continuation follows the reply as sent. */
    default String joinContinuation(String soFar, String continuation) {
        return soFar + continuation;
    }
}
