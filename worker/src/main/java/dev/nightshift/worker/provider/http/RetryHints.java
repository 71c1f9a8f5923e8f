package dev.nightshift.worker.provider.http;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses every form in which providers say how long to wait. Every parser is total: a value it cannot read yields empty, never an exception, because a
 * garbled hint must not turn a retryable failure into a crash. Negative waits become zero.
 */
public final class RetryHints {
    private static final Pattern GO_DURATION = Pattern.compile(
            "(?:(\\d+(?:\\.\\d+)?)h)?(?:(\\d+(?:\\.\\d+)?)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s)?(?:(\\d+(?:\\.\\d+)?)ms)?");
    private static final Pattern TRY_AGAIN = Pattern.compile(
            "(?i)(?:try again|retry) in (\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)\\b");

    private RetryHints() {}

    /**
     * The wait a response's headers ask for, in the official SDKs' precedence: {@code retry-after-ms}
     * (float milliseconds), then {@code retry-after} (float seconds, or an HTTP date relative to {@code now}).
     */
    public static Optional<Duration> fromHeaders(Function<String, String> header, Instant now) {
        Optional<Duration> ms = millis(header.apply("retry-after-ms"));
        return ms.isPresent() ? ms : retryAfter(header.apply("retry-after"), now);
    }

    /** {@code retry-after}: seconds ({@code 46}, {@code 1.5}) or an HTTP date ({@code Wed, 21 Oct 2015 07:28:00 GMT}). */
    public static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = seconds(value);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(nonNegative(Duration.between(now, at)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A plain decimal number of seconds. */
    public static Optional<Duration> seconds(String value) {
        return decimal(value).map(s -> ofMillis(s.multiply(BigDecimal.valueOf(1000))));
    }

    /** A plain decimal number of milliseconds ({@code retry-after-ms: 45175}). */
    public static Optional<Duration> millis(String value) {
        return decimal(value).map(RetryHints::ofMillis);
    }

    /** OpenAI's reset durations, Go style: {@code 12ms}, {@code 1s}, {@code 51.189s}, {@code 6m0s}, {@code 1h2m3s}. */
    public static Optional<Duration> goDuration(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher m = GO_DURATION.matcher(value.trim());
        if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) {
            return Optional.empty();
        }
        BigDecimal ms = part(m.group(1), 3_600_000)
                .add(part(m.group(2), 60_000))
                .add(part(m.group(3), 1000))
                .add(part(m.group(4), 1));
        return Optional.of(ofMillis(ms));
    }

    /** Gemini's {@code RetryInfo.retryDelay}: a protobuf Duration string, {@code "58s"} or {@code "0.539477544s"}. */
    public static Optional<Duration> protobufDuration(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        return v.endsWith("s") && !v.endsWith("ms") ? seconds(v.substring(0, v.length() - 1)) : Optional.empty();
    }

    /** Anthropic's {@code anthropic-ratelimit-*-reset}: an RFC 3339 timestamp. */
    public static Optional<Instant> rfc3339(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The last resort: "Please try again in 45.175s." / "Please retry in 58.2s." / "try again in 20ms" in a message. */
    public static Optional<Duration> fromMessage(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = TRY_AGAIN.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long factor = unit.startsWith("ms") || unit.startsWith("milli") ? 1 : unit.startsWith("m") ? 60_000 : 1000;
        return Optional.of(ofMillis(amount.multiply(BigDecimal.valueOf(factor))));
    }

    private static Optional<BigDecimal> decimal(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            BigDecimal d = new BigDecimal(value.trim());
            return Optional.of(d.signum() < 0 ? BigDecimal.ZERO : d);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static BigDecimal part(String number, long millisPerUnit) {
        return number == null ? BigDecimal.ZERO : new BigDecimal(number).multiply(BigDecimal.valueOf(millisPerUnit));
    }

    /** Rounds up to the next millisecond: waiting slightly too long is safe, slightly too short is a 429. */
    private static Duration ofMillis(BigDecimal millis) {
        return Duration.ofMillis(millis.setScale(0, RoundingMode.CEILING).longValueExact());
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
