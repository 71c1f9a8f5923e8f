package dev.nightshift.worker.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Captures the typed failure a protocol reader throws. */
public final class Failures {
    private Failures() {}

    public static ProviderFailure of(ThrowingCallable read) {
        AtomicReference<ProviderFailure> failure = new AtomicReference<>();
        assertThatThrownBy(read).isInstanceOfSatisfying(ProviderCallException.class, e -> failure.set(e.failure()));
        return failure.get();
    }
}
