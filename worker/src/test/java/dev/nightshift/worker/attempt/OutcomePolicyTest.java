package dev.nightshift.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.worker.attempt.OutcomePolicy.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomePolicyTest {
    @ParameterizedTest(name = "{0} on delivery {1} of 5 → {2}")
    @CsvSource({
        "RATE_LIMITED,1,RELEASE",
        "OVERLOADED,4,RELEASE",
        "TRANSIENT,2,RELEASE",
        "RATE_LIMITED,5,FAILOVER",
        "TRANSIENT,5,FAILOVER",
        "QUOTA_EXHAUSTED,1,FAILOVER",
        "UNAUTHORIZED,1,FAILOVER",
        "CONTEXT_TOO_LONG,1,FAILOVER",
        "INVALID_OUTPUT,1,FAILOVER",
        "BAD_REQUEST,1,POISON",
        "CONTENT_FILTERED,1,POISON"
    })
    void mapsEveryFailureToOneStep(FailureClass failure, int delivery, Step expected) {
        assertThat(OutcomePolicy.afterFailure(failure, delivery, 5)).isEqualTo(expected);
    }
}
