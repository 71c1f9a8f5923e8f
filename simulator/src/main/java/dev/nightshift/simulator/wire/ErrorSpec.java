package dev.nightshift.simulator.wire;

import dev.nightshift.simulator.limit.LimitScope;
import java.time.Duration;

/**
 * One error to render.
 *
 * @param detail     the specific part of the message (a bad field, an unknown model), or {@code null}
 * @param scope      for {@link ErrorKind#RATE_LIMITED}: which limit
 * @param limit      for rate limits: the limit hit; for context errors: the context window
 * @param used       for rate limits: what is in use; for context errors: the prompt's tokens
 * @param retryAfter for rate limits: the wait the provider asks for, or {@code null}
 */
public record ErrorSpec(
        ErrorKind kind,
        String detail,
        String model,
        LimitScope scope,
        long limit,
        long used,
        long requested,
        Duration retryAfter) {
    public static ErrorSpec of(ErrorKind kind, String model, String detail) {
        return new ErrorSpec(kind, detail, model, null, 0, 0, 0, null);
    }

    public static ErrorSpec rateLimited(
            String model, LimitScope scope, long limit, long used, long requested, Duration retryAfter) {
        return new ErrorSpec(ErrorKind.RATE_LIMITED, null, model, scope, limit, used, requested, retryAfter);
    }
}
