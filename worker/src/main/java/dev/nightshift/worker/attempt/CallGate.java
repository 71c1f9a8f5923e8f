package dev.nightshift.worker.attempt;

import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * What stands between a lane record and the provider: quotas, the lane-wide pause, the circuit breaker.
 * {@link #admit} completes when the call may go (waiting on Vert.x timers, never blocking), or with a
 * permit whose {@link Permit#failFast()} says why the call must not go at all (circuit open).
 */
public interface CallGate {
    Future<Permit> admit(Context context, LaneRequest request);

    /** Settles a call that was let through; exactly one of its methods is called, once. */
    interface Permit {
        default Optional<ProviderFailure> failFast() {
            return Optional.empty();
        }

        void succeeded(Completion completion, long latencyMs);

        void failed(ProviderCallException failure, long latencyMs);
    }

    /** Lets every call through at once; for tests of the lane alone and for unlimited providers. */
    CallGate OPEN = (context, request) -> Future.succeededFuture(new Permit() {
        @Override
        public void succeeded(Completion completion, long latencyMs) {}

        @Override
        public void failed(ProviderCallException failure, long latencyMs) {}
    });
}
