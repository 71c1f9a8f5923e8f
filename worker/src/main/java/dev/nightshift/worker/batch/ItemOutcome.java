package dev.nightshift.worker.batch;

import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import java.util.function.Supplier;

/** What became of one request of an ended provider batch. */
public sealed interface ItemOutcome {
    /** The model answered; usage normalised as the synchronous reply's, billed at the batch price. */
    record Answered(Completion completion) implements ItemOutcome {}

    /** The request failed, typed as the same failure of a synchronous call; {@code billed} is what it cost, if any. */
    record Failed(ProviderFailure failure, Usage billed) implements ItemOutcome {}

    /** The provider did not run the request: the batch expired, or was cancelled, first. Nothing was billed. */
    record NotRun(boolean cancelled, String reason) implements ItemOutcome {
        /** The batch's window passed before the provider reached the request. */
        public static final NotRun EXPIRED = new NotRun(false, "the batch expired before this request ran");
        /** The batch was cancelled before the provider reached the request. */
        public static final NotRun CANCELLED = new NotRun(true, "the batch was cancelled before this request ran");
    }

    /** The outcome of reading an answer with a synchronous reader, which throws a typed failure for what is no answer. */
    static ItemOutcome read(Supplier<Completion> reader) {
        try {
            return new Answered(reader.get());
        } catch (ProviderCallException e) {
            return new Failed(e.failure(), e.billed());
        }
    }
}
