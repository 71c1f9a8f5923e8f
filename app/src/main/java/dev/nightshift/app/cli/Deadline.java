package dev.nightshift.app.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's deadline as people write it: {@code --deadline 07:00} (the next 07:00 on this machine's clock),
 * {@code --deadline 2026-12-08T07:00} (local) or with an offset ({@code …Z}, {@code …+01:00}); or
 * {@code --within 9h} ({@code 30m}, {@code 9h}, {@code 1d}, or ISO-8601 such as {@code PT9H}, {@code P1DT2H}).
 * Pure: the clock and the zone are given.
 */
public final class Deadline {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*([mhd])");
    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?");
    private static final String EXAMPLES = "e.g. --deadline 07:00, --deadline 2026-12-08T07:00 or --within 9h";

    private Deadline() {}

    /**
     * The instant meant, or {@code null} when neither flag was given.
     *
     * @throws UserError naming the flag, the value and an example, for both flags at once, a malformed value, or a
     *                   time already past
     */
    public static Instant resolve(String deadline, String within, Instant now, ZoneId zone) {
        if (deadline != null && within != null) {
            throw UserError.badInput("--deadline " + deadline + " and --within " + within
                    + " cannot go together; give one of them (" + EXAMPLES + ")");
        }
        if (deadline != null) {
            return at(deadline, now, zone);
        }
        return within == null ? null : now.plus(duration(within));
    }

    private static Instant at(String text, Instant now, ZoneId zone) {
        String value = text.strip();
        Instant at;
        try {
            if (CLOCK.matcher(value).matches()) {
                // A time of day: its next occurrence, so "--deadline 07:00" at 22:00 means tomorrow morning.
                LocalTime time = LocalTime.parse(value.indexOf(':') == 1 ? "0" + value : value);
                ZonedDateTime today = now.atZone(zone).with(time);
                return today.toInstant().isAfter(now)
                        ? today.toInstant()
                        : today.plusDays(1).toInstant();
            }
            at = withZone(value, zone);
        } catch (DateTimeException e) {
            throw UserError.badInput("--deadline '" + text + "' is not a time; give a time of day (the next one is"
                    + " meant) or an ISO date-time, " + EXAMPLES);
        }
        if (!at.isAfter(now)) {
            throw UserError.badInput("--deadline " + text + " is in the past (" + describe(at, zone) + ", now "
                    + describe(now, zone) + "); give a time still to come, " + EXAMPLES);
        }
        return at;
    }

    private static Instant withZone(String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException noOffset) {
            try {
                return ZonedDateTime.parse(value).toInstant();
            } catch (DateTimeParseException noZone) {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            }
        }
    }

    private static Duration duration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT.matcher(value);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(value.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw UserError.badInput("--within '" + text + "' is not a duration; give minutes, hours or days (e.g."
                    + " --within 30m, --within 9h, --within 1d) or ISO-8601 (e.g. --within PT9H)");
        }
        if (d.isZero() || d.isNegative()) {
            throw UserError.badInput("--within " + text + " must be longer than nothing, e.g. --within 9h");
        }
        return d;
    }

    /** The deadline as people read it: local date, time and zone, then UTC. */
    public static String describe(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).format(local) + " ("
                + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")";
    }
}
