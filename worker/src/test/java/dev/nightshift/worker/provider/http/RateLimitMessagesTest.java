package dev.nightshift.worker.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimitMessagesTest {
    @Test
    void readsTheLimitFromAnOpenAiStyleMessage() {
        assertThat(
                        RateLimitMessages.limit(
                                "HTTP 429 requests rate_limit_exceeded: Rate limit reached for m1 in organization "
                                        + "org-simulated on concurrent requests: Limit 32, Used 32, Requested 1. Please try again in 1s."))
                .isEqualTo(OptionalLong.of(32));
        assertThat(RateLimitMessages.limit("on tokens per min (TPM): Limit 200,000, Used 170583, Requested 180002."))
                .isEqualTo(OptionalLong.of(200_000));
    }

    @Test
    void findsNothingInAMessageWithoutALimit() {
        assertThat(RateLimitMessages.limit("Rate limited")).isEmpty();
        assertThat(RateLimitMessages.limit("Rate limit reached")).isEmpty();
        assertThat(RateLimitMessages.limit(null)).isEmpty();
    }
}
