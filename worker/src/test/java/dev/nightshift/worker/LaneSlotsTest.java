package dev.nightshift.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.Limits;
import org.junit.jupiter.api.Test;

class LaneSlotsTest {

    @Test
    void aLaneWithoutLimitsHoldsItsDefaultSlotsPlusAQuarterAndOne() {
        assertThat(Lane.slotsFor(Long.MAX_VALUE, Long.MAX_VALUE, 64)).isEqualTo(64 + 16 + 1);
    }

    @Test
    void aConcurrencyLimitBelowTheDefaultBoundsTheSlots() {
        assertThat(Lane.slotsFor(8, Long.MAX_VALUE, 64)).isEqualTo(8 + 2 + 1);
    }

    @Test
    void aSlowRequestsPerMinuteShareHoldsOnlyTenSecondsOfRequests() {
        // 120 RPM = 2 requests a second: 20 in ten seconds, however high the concurrency limit.
        assertThat(Lane.slotsFor(100, 120, 64)).isEqualTo(20 + 5 + 1);
    }

    @Test
    void aTinyRequestsPerMinuteShareStillHoldsOneRecordAndASpare() {
        assertThat(Lane.slotsFor(Long.MAX_VALUE, 2, 64)).isEqualTo(2);
    }

    @Test
    void beforeTheFirstMembershipRefreshTheWholeAccountsLimitsCount() {
        Limits sixRpm = new Limits(6, null, null, null, null, null);
        Limits unlimited = Limits.UNLIMITED;

        assertThat(Lane.initialSlots(sixRpm, 64)).isEqualTo(2);
        assertThat(Lane.initialSlots(unlimited, 64)).isEqualTo(81);
    }

    @Test
    void aReplicaHoldsFiveTimesItsSlotsSoThatABatchRefillNeverLeavesSlotsIdle() {
        Limits thirtyTwoConcurrent = new Limits(null, null, null, 32, null, null);

        assertThat(Lane.holdLimit(thirtyTwoConcurrent, 32)).isEqualTo(161);
        assertThat(Lane.holdLimit(Limits.UNLIMITED, 64)).isEqualTo(321);
    }

    @Test
    void aSlowAccountsReplicaHoldsNoMoreThanALockPeriodOfItsRequests() {
        Limits sixRpm = new Limits(6, null, null, null, null, null);
        Limits sixHundredRpm = new Limits(600, null, null, 32, null, null);

        assertThat(Lane.holdLimit(sixRpm, 64)).isEqualTo(3);
        assertThat(Lane.holdLimit(sixHundredRpm, 32))
                .as("the five-fold batch is smaller than 30 s of 600 RPM")
                .isEqualTo(161);
    }
}
