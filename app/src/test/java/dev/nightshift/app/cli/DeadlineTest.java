package dev.nightshift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** How {@code --deadline} and {@code --within} are understood, on a clock and in a zone of the test's choosing. */
class DeadlineTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** 23:00 in Paris. */
    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");

    @Test
    void aTimeOfDayIsItsNextOccurrenceInTheLocalZone() {
        // 07:00 is past today at 23:00 in Paris: tomorrow's, 06:00 UTC
        assertThat(Deadline.resolve("07:00", null, NOW, PARIS)).isEqualTo(Instant.parse("2026-12-08T06:00:00Z"));
        // 23:30 is still to come today
        assertThat(Deadline.resolve("23:30", null, NOW, PARIS)).isEqualTo(Instant.parse("2026-12-07T22:30:00Z"));
        assertThat(Deadline.resolve("7:00", null, NOW, PARIS)).isEqualTo(Instant.parse("2026-12-08T06:00:00Z"));
    }

    @Test
    void anIsoDateTimeIsLocalUnlessItSaysItsOffset() {
        assertThat(Deadline.resolve("2026-12-08T07:00", null, NOW, PARIS))
                .isEqualTo(Instant.parse("2026-12-08T06:00:00Z"));
        assertThat(Deadline.resolve("2026-12-08T07:00:00Z", null, NOW, PARIS))
                .isEqualTo(Instant.parse("2026-12-08T07:00:00Z"));
        assertThat(Deadline.resolve("2026-12-08T10:00+09:00", null, NOW, PARIS))
                .isEqualTo(Instant.parse("2026-12-08T01:00:00Z"));
    }

    @Test
    void withinCountsFromNowInShortOrIsoForm() {
        assertThat(Deadline.resolve(null, "9h", NOW, PARIS)).isEqualTo(Instant.parse("2026-12-08T07:00:00Z"));
        assertThat(Deadline.resolve(null, "30m", NOW, PARIS)).isEqualTo(Instant.parse("2026-12-07T22:30:00Z"));
        assertThat(Deadline.resolve(null, "1d", NOW, PARIS)).isEqualTo(Instant.parse("2026-12-08T22:00:00Z"));
        assertThat(Deadline.resolve(null, "PT9H", NOW, PARIS)).isEqualTo(Instant.parse("2026-12-08T07:00:00Z"));
        assertThat(Deadline.resolve(null, "P1DT2H", NOW, PARIS)).isEqualTo(Instant.parse("2026-12-09T00:00:00Z"));
    }

    @Test
    void neitherFlagMeansNoDeadline() {
        assertThat(Deadline.resolve(null, null, NOW, PARIS)).isNull();
    }

    @Test
    void bothFlagsAreRefusedNamingBoth() {
        assertThatThrownBy(() -> Deadline.resolve("07:00", "9h", NOW, PARIS))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("--deadline 07:00 and --within 9h cannot go together; give one of them")
                .hasMessageContaining("e.g. --deadline 07:00");
    }

    @Test
    void aDeadlineInThePastIsRefusedWithTheTimeItWasAndAnExample() {
        assertThatThrownBy(() -> Deadline.resolve("2026-12-07T08:00", null, NOW, PARIS))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("--deadline 2026-12-07T08:00 is in the past (2026-12-07 08:00 CET"
                        + " (2026-12-07T07:00:00Z), now 2026-12-07 23:00 CET (2026-12-07T22:00:00Z))")
                .hasMessageContaining("e.g. --deadline 07:00");
    }

    @Test
    void garbageIsRefusedNamingTheFlagTheValueAndAnExample() {
        assertThatThrownBy(() -> Deadline.resolve("tomorrow", null, NOW, PARIS))
                .isInstanceOf(UserError.class)
                .hasMessage("--deadline 'tomorrow' is not a time; give a time of day (the next one is meant) or an ISO"
                        + " date-time, e.g. --deadline 07:00, --deadline 2026-12-08T07:00 or --within 9h");
        assertThatThrownBy(() -> Deadline.resolve("25:00", null, NOW, PARIS))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("--deadline '25:00' is not a time");
        assertThatThrownBy(() -> Deadline.resolve(null, "9 hours", NOW, PARIS))
                .isInstanceOf(UserError.class)
                .hasMessage("--within '9 hours' is not a duration; give minutes, hours or days (e.g. --within 30m,"
                        + " --within 9h, --within 1d) or ISO-8601 (e.g. --within PT9H)");
        assertThatThrownBy(() -> Deadline.resolve(null, "0h", NOW, PARIS))
                .isInstanceOf(UserError.class)
                .hasMessage("--within 0h must be longer than nothing, e.g. --within 9h");
    }
}
